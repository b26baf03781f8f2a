namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="ReleaseNotesPhase"/> writes: the notes of <see cref="Bundle"/> (default the newest stable bundle of
/// <see cref="Versions"/>) since <see cref="Since"/> (a bundle, or <c>core@3.1.0,…</c>; default the previous bundle of
/// its kind), into <see cref="Output"/> (default: printed) and the entry of <see cref="Changelog"/> (default CHANGELOG.md).
/// </summary>
public sealed record ReleaseNotesRequest(
    string? Versions = null,
    string? Bundle = null,
    string? Since = null,
    string? Changelog = null,
    string? Output = null,
    bool DryRun = false);
