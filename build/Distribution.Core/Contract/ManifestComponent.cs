using System.Collections.Immutable;
using NuGet.Versioning;

namespace Distribution.Core.Contract;

/// <summary>
/// One component of a bundle as bundle.json lists it: the version with the tag, commit and tree it was built from (the
/// lock file's entry), the runtime dependencies its own manifest declares at that tag (name → Cargo-style
/// requirement, as written; development dependencies are never carried) and what it requires of other components.
/// </summary>
public sealed record ManifestComponent(Model.ComponentId Component, NuGetVersion Version, string Tag, string Commit, string Tree)
{
    /// <summary>What an installation of this component needs beside it (<c>[dependencies.runtime]</c> of its manifest).</summary>
    public ImmutableSortedDictionary<string, string> RuntimeDependencies { get; init; } = ImmutableSortedDictionary.Create<string, string>(
        StringComparer.Ordinal);

    /// <summary>What it needs of the other components installed beside it (<see cref="ComponentRequirements"/>).</summary>
    public ImmutableSortedDictionary<string, string> Requires { get; init; } = ComponentRequirements.None;

    public bool Equals(ManifestComponent? other) =>
        other is not null
            && Component == other.Component
            && Version == other.Version
            && Tag == other.Tag
            && Commit == other.Commit
            && Tree == other.Tree
        && RuntimeDependencies.Count == other.RuntimeDependencies.Count
        && RuntimeDependencies.All(pair => other.RuntimeDependencies.TryGetValue(pair.Key, out var requirement)
            && requirement == pair.Value)
        && ComponentRequirements.AreEqual(Requires, other.Requires);

    public override int GetHashCode() => HashCode.Combine(Component, Version, Tag, Commit, Tree, RuntimeDependencies.Count);
}
