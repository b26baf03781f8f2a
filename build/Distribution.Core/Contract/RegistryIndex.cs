using System.Collections.Immutable;

namespace Distribution.Core.Contract;

/// <summary>
/// The registry's <c>index.json</c> (docs/formats.md, "The registry"): a serial that grows with every change, the
/// channels (<c>stable</c>, <c>lts</c> → bundle id), the bundles, the component versions and every file with its
/// size and digest. Compare two indexes with <see cref="RegistryIndexJson.Render"/>.
/// </summary>
public sealed record RegistryIndex(
    long Serial,
    ImmutableSortedDictionary<string, string> Channels,
    ImmutableArray<RegistryBundle> Bundles,
    ImmutableArray<RegistryComponent> Components,
    ImmutableArray<RegistryFile> Files)
{
    public const int Schema = 1;

    /// <summary>
    /// When the index stops being valid (UTC; installers refuse it after that moment): set by every publish that
    /// writes the index, absent in indexes written before signing. See docs/publishing.md, "Signing".
    /// </summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The index of a registry that has nothing yet (serial 0; the first publish writes serial 1).</summary>
    public static RegistryIndex Empty { get; } = new(
        0, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal), [], [], []);

    public RegistryFile? FindFile(string path) => Files.FirstOrDefault(file => file.Path == path);

    /// <summary>
    /// Every file by its path, the first of a path listed twice as <see cref="FindFile"/> finds it: for looking up many
    /// paths, where <see cref="FindFile"/> would scan the whole list for each.
    /// </summary>
    public ImmutableDictionary<string, RegistryFile> FilesByPath() =>
        Files.DistinctBy(file => file.Path, StringComparer.Ordinal).ToImmutableDictionary(file => file.Path, StringComparer.Ordinal);

    public bool Equals(RegistryIndex? other) =>
        other is not null && RegistryIndexJson.Render(this) == RegistryIndexJson.Render(other);

    public override int GetHashCode() => HashCode.Combine(Serial, Bundles.Length, Files.Length);
}
