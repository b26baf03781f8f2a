using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>
/// A component fetched at its tag: what the lock pins, where its tree is, whether this run exported it, when its
/// commit was committed (with the committer's offset: packaging uses it as the archive mtime), and the runtime
/// dependencies its manifest declares there (checked: each a valid requirement).
/// </summary>
public sealed record FetchedComponent(LockedComponent Locked, string ExportPath, bool ExportedNow, DateTimeOffset Committed)
{
    public static readonly ImmutableSortedDictionary<string, string> NoDependencies = ImmutableSortedDictionary.Create<string, string>(
        StringComparer.Ordinal);

    /// <summary><c>[dependencies.runtime]</c> of the component's manifest at its tag: name → requirement.</summary>
    public ImmutableSortedDictionary<string, string> RuntimeDependencies { get; init; } = NoDependencies;

    /// <summary>What it requires of the other components: the <c>core-version</c> of its manifest, as <c>core</c>.</summary>
    public ImmutableSortedDictionary<string, string> Requires { get; init; } = ComponentRequirements.None;
}
