namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="AssemblePhase"/> merges: the shard folders of <see cref="ArtifactsFrom"/> (comma-separated) into
/// <see cref="Output"/> (default artifacts/bundles/BUNDLE); <see cref="Bundle"/> the bundle the shards must be of;
/// <see cref="Locked"/> compares them with versions.lock beside <see cref="Versions"/>.
/// </summary>
public sealed record AssembleRequest(
    string? ArtifactsFrom, string? Output = null, string? Bundle = null, bool Locked = false, string? Versions = null, bool DryRun = false);
