using System.Collections.Immutable;
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
    string LockFileName);
