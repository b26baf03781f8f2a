namespace Distribution.Core.ReleaseNotes;

/// <summary>How a component differs between two bundles.</summary>
public enum ComponentChangeKind
{
    Upgraded,
    Downgraded,
    Unchanged,
    Added,
    Removed,
}
