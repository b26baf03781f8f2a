namespace Distribution.Adapters.GitHub;

/// <summary>What a release publish ended with: the published release, and whether this run sent any mutating request.</summary>
public sealed record GitHubPublishResult(GitHubRelease Release, bool Changed);
