using System.Collections.Immutable;

namespace Distribution.Core.Installing;

/// <summary>A listing of a prefix (relative paths, folders ending in '/'), compared before and after an install cycle.</summary>
public sealed record PrefixListing(ImmutableArray<string> Entries)
{
    public static PrefixListing Of(IEnumerable<string> entries) => new([.. entries.Order(StringComparer.Ordinal)]);

    /// <summary>Lines "+ path" (only after) and "- path" (only before); empty when both listings are the same.</summary>
    public ImmutableArray<string> DifferencesTo(PrefixListing after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return [
            .. Entries.Except(after.Entries, StringComparer.Ordinal).Select(entry => "- " + entry),
            .. after.Entries.Except(Entries, StringComparer.Ordinal).Select(entry => "+ " + entry)];
    }
}
