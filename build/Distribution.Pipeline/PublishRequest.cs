namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="PublishPhase"/> publishes: <see cref="Bundle"/> (a folder name under artifacts/bundles, or a path;
/// default the only bundle there) into <see cref="Registry"/> (default artifacts/registry), and with
/// <see cref="GitHubRepository"/> (OWNER/NAME) as a GitHub release tagged <see cref="ReleaseTag"/> (default the bundle id).
/// Every index written expires <see cref="IndexValidDays"/> days later (default
/// <see cref="Core.Publishing.IndexRenewal.DefaultValidDays"/>).
/// </summary>
public sealed record PublishRequest(
    string? Bundle = null,
    string? Registry = null,
    string? GitHubRepository = null,
    string? ReleaseTag = null,
    bool DryRun = false,
    int? IndexValidDays = null)
{
    /// <summary>
    /// Publishes a partial bundle (bundle.json lists <c>missing</c> archives) too. No command-line option sets it: only
    /// test-integration does, for the throwaway registry in a temporary folder it installs from and then deletes.
    /// </summary>
    public bool AllowPartial { get; init; }
}
