using System.Collections.Immutable;

namespace Distribution.Pipeline;

/// <summary>Reads create-bundle's --targets list.</summary>
internal static class BundleInputs
{
    public static ImmutableArray<string>? Targets(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
