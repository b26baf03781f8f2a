using System.Collections.Immutable;

namespace Distribution.Core.Contract;

/// <summary>One published version of a component and the registry paths of its archives (sorted).</summary>
public sealed record RegistryComponent(string Id, string Version, ImmutableArray<string> Files)
{
    public bool Equals(RegistryComponent? other) =>
        other is not null && Id == other.Id && Version == other.Version && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => HashCode.Combine(Id, Version, Files.Length);
}
