using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>
/// One bundle to fetch: its components and versions, where each kind of component lives, the current lock (to
/// catch moved tags), and whether a moved tag may update the lock.
/// </summary>
/// <param name="LockFileName">The lock file as users see it, for messages (version-management/versions.lock).</param>
public sealed record FetchRequest(
    BundleSpec Bundle,
    ImmutableDictionary<ComponentKind, ComponentSource> Sources,
    LockFile Lock,
    bool UpdateLock,
    string LockFileName)
{
    /// <summary>
    /// Use the mirrors as they are (creating only a missing one), without fetching from the origins: for a step that
    /// runs right after a fetch of the same bundle, such as create-bundle after Cake's Fetch task.
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>Where versions.toml names each component's version in the bundle (for messages; empty for ad-hoc ones).</summary>
    public ImmutableDictionary<ComponentId, SourceLocation> Positions { get; init; } =
        ImmutableDictionary<ComponentId, SourceLocation>.Empty;

    /// <summary>The place versions.toml names <paramref name="component"/> in the bundle, or null.</summary>
    public SourceLocation? PositionOf(ComponentId component) => Positions.TryGetValue(component, out var where) ? where : null;
}
