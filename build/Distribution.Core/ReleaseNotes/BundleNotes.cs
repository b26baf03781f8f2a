using System.Collections.Immutable;
using Distribution.Core.Model;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// The release notes of a bundle: the bundle, what it is compared with (a previous bundle, or versions given
/// with <c>--since</c>; null for a first release), and one <see cref="ComponentChanges"/> per component of
/// either side, in component order.
/// </summary>
public sealed record BundleNotes(BundleSpec Bundle, BundleSpec? Previous, ImmutableArray<ComponentChanges> Components)
{
    public bool Equals(BundleNotes? other) =>
        other is not null && Bundle == other.Bundle && Previous == other.Previous && Components.SequenceEqual(other.Components);

    public override int GetHashCode() => HashCode.Combine(Bundle.Id, Previous?.Id, Components.Length);
}
