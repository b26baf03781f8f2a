using System.Collections.Immutable;

namespace Distribution.Core.Contract;

/// <summary>
/// One published version of a component, the registry paths of its archives (sorted) and what it requires of the
/// components installed beside it (<see cref="ComponentRequirements"/>; what <c>--component</c> installs check).
/// </summary>
public sealed record RegistryComponent(string Id, string Version, ImmutableArray<string> Files)
{
    public ImmutableSortedDictionary<string, string> Requires { get; init; } = ComponentRequirements.None;

    public bool Equals(RegistryComponent? other) =>
        other is not null && Id == other.Id && Version == other.Version && Files.SequenceEqual(other.Files)
        && ComponentRequirements.AreEqual(Requires, other.Requires);

    public override int GetHashCode() => HashCode.Combine(Id, Version, Files.Length);
}
