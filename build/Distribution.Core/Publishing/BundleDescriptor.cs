using System.Collections.Immutable;
using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>
/// What publishing needs from a bundle's <c>bundle.json</c> (docs/formats.md): its id, display name, kind, release
/// date and the component archives it lists, sorted by name.
/// </summary>
public sealed record BundleDescriptor(
    string Id,
    string Name,
    BundleKind Kind,
    DateOnly? ReleaseDate,
    ImmutableArray<BundleArtifactRecord> Artifacts)
{
    /// <summary>The name of the bundle's meta-package: <c>provisioning-bundle-BUNDLE.tar.gz</c>.</summary>
    public string MetaPackageName => $"provisioning-bundle-{Id}.tar.gz";

    public bool Equals(BundleDescriptor? other) =>
        other is not null && Id == other.Id && Name == other.Name && Kind == other.Kind && ReleaseDate == other.ReleaseDate
        && Artifacts.SequenceEqual(other.Artifacts);

    public override int GetHashCode() => HashCode.Combine(Id, Kind, ReleaseDate, Artifacts.Length);
}
