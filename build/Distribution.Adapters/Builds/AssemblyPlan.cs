using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// What assemble will write: the merged manifest, the release notes, and for each archive the shard file it comes from;
/// <see cref="Repositories"/> (versions.toml's, by component id, <c>extensions</c> for every extension) go into the SBOM.
/// </summary>
public sealed record AssemblyPlan(BundleManifest Manifest, string ReleaseNotes, ImmutableSortedDictionary<string, string> Archives)
{
    public string MetaPackageName => Manifest.MetaPackageName;

    /// <summary>Each component's repository as versions.toml names it (none known: the SBOM has no <c>vcs</c> references).</summary>
    public ImmutableSortedDictionary<string, string> Repositories { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The bundle's CycloneDX SBOM (<see cref="BundleSbom"/>): in the bundle folder and in the meta-package.</summary>
    public string Sbom => BundleSbom.Render(Manifest, Repositories);

    public bool Equals(AssemblyPlan? other) =>
        other is not null
            && Manifest.Equals(other.Manifest)
            && ReleaseNotes == other.ReleaseNotes
            && Archives.SequenceEqual(other.Archives)
            && Repositories.SequenceEqual(other.Repositories);

    public override int GetHashCode() => HashCode.Combine(Manifest, ReleaseNotes, Archives.Count, Repositories.Count);
}
