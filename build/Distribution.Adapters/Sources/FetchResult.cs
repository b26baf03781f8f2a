using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>A fetched bundle: its components in component order, and the warnings met on the way.</summary>
public sealed record FetchResult(string Bundle, ImmutableArray<FetchedComponent> Components, ImmutableArray<Diagnostic> Warnings)
{
    public ImmutableArray<LockedComponent> Locked => [.. Components.Select(component => component.Locked)];
}
