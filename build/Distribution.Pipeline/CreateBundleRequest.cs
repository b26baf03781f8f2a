namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="CreateBundlePhase"/> makes: the bundle of <see cref="Selection"/> for <see cref="Targets"/>
/// (comma-separated; default all) into <see cref="Output"/> (default artifacts/bundles/BUNDLE), or one CI shard into
/// <see cref="ShardOut"/>; <see cref="Recipes"/> replaces packaging/ (comma-separated folders,
/// each recipe from the first that has it); <see cref="Timings"/> also writes the build and
/// compression intervals to that file; <see cref="Offline"/> uses the mirrors as they are.
/// </summary>
public sealed record CreateBundleRequest(
    BundleSelection Selection,
    string? Targets = null,
    string? Output = null,
    string? ShardOut = null,
    string? Recipes = null,
    bool DryRun = false,
    string? Timings = null,
    bool Offline = false);
