using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>A fetched bundle: its components in component order, and the warnings met on the way.</summary>
public sealed record FetchResult(string Bundle, ImmutableArray<FetchedComponent> Components, ImmutableArray<Diagnostic> Warnings)
{
    public ImmutableArray<LockedComponent> Locked => [.. Components.Select(component => component.Locked)];

    /// <summary>
    /// The components as bundle.json lists them: the lock's entry and the runtime dependencies of the manifest at the tag.
    /// </summary>
    public ImmutableArray<ManifestComponent> ManifestComponents =>
    [
        .. Components.Select(component => new ManifestComponent(
            component.Locked.Component, component.Locked.Version, component.Locked.Tag, component.Locked.Commit, component.Locked.Tree)
        {
            RuntimeDependencies = component.RuntimeDependencies,
            Requires = component.Requires,
        }),
    ];
}
