using System.Collections.Immutable;

namespace Distribution.Core.Model;

/// <summary>
/// A bundle as the pipeline needs it: its id (<c>stable-3.2</c>), display name, kind, dates and the components
/// with their versions, in <see cref="ComponentId"/> order. Made from versions.toml or from an ad-hoc
/// combination given on the command line.
/// </summary>
public sealed record BundleSpec(
    string Id,
    string DisplayName,
    BundleKind Kind,
    DateOnly? ReleaseDate,
    DateOnly? LtsUntil,
    ImmutableArray<BundleComponent> Components)
{
    public BundleComponent? Find(ComponentId component) => Components.FirstOrDefault(item => item.Component == component);

    public bool Equals(BundleSpec? other) =>
        other is not null && Id == other.Id && DisplayName == other.DisplayName && Kind == other.Kind
        && ReleaseDate == other.ReleaseDate && LtsUntil == other.LtsUntil && Components.SequenceEqual(other.Components);

    public override int GetHashCode() => HashCode.Combine(Id, Kind, ReleaseDate, Components.Length);
}
