using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Versions;

/// <summary>
/// A bundle of versions.toml, <c>[bundles."ID"]</c>, as read: the values that were well-formed (a missing or
/// malformed one is null or absent and has its own diagnostic) and where each was written.
/// </summary>
public sealed record VersionsBundle(
    string Id,
    string Name,
    DateOnly? ReleaseDate,
    DateOnly? LtsUntil,
    ImmutableArray<BundleVersion> Components,
    SourceLocation Location,
    SourceLocation ReleaseDateLocation,
    SourceLocation LtsUntilLocation)
{
    /// <summary>Lts when <c>lts-until</c> is set, else Stable (Custom for ad-hoc combinations).</summary>
    public BundleKind Kind { get; init; } = BundleKind.Stable;

    public BundleVersion? Find(ComponentId component) => Components.FirstOrDefault(item => item.Component == component);

    public IEnumerable<BundleVersion> Extensions => Components.Where(item => item.Component.Kind == ComponentKind.Extension);

    /// <summary>The bundle as the pipeline uses it: components in component order.</summary>
    public BundleSpec ToSpec() =>
        new(
            Id,
            Name,
            Kind,
            ReleaseDate,
            LtsUntil,
            [.. Components.Select(item => item.ToComponent()).DistinctBy(item => item.Component).OrderBy(item => item.Component)]);

    public bool Equals(VersionsBundle? other) =>
        other is not null && Id == other.Id && Name == other.Name && Kind == other.Kind && ReleaseDate == other.ReleaseDate
        && LtsUntil == other.LtsUntil && Components.SequenceEqual(other.Components);

    public override int GetHashCode() => HashCode.Combine(Id, ReleaseDate);
}
