using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>A component fetched at its tag: what the lock pins, where its tree is, and whether this run exported it.</summary>
public sealed record FetchedComponent(LockedComponent Locked, string ExportPath, bool ExportedNow);
