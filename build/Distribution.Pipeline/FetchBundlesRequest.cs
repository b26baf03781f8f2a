namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="FetchPhase"/> fetches: the bundle of <see cref="Selection"/>, or with <see cref="All"/> every bundle
/// of versions.toml. <see cref="Locked"/> refuses any change to versions.lock (CI), <see cref="UpdateLock"/> accepts
/// moved tags, <see cref="DryRun"/> only prints what would be done.
/// </summary>
public sealed record FetchBundlesRequest(
    BundleSelection Selection, bool All = false, bool Locked = false, bool UpdateLock = false, bool DryRun = false);
