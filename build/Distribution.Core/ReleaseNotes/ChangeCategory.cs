namespace Distribution.Core.ReleaseNotes;

/// <summary>The sections of release notes, in the order they are shown.</summary>
public enum ChangeCategory
{
    Breaking,
    Feature,
    Fix,
    Performance,
    Other,
}
