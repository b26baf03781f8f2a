namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Where pull request titles and authors come from (the GitHub API in production). Enrichment is optional:
/// the notes are complete from git alone, and a failing source only costs the titles and authors.
/// </summary>
public interface IPullRequestSource
{
    /// <summary>Whether this source knows the repository at <paramref name="webUrl"/> (https://github.com/owner/repo).</summary>
    bool Supports(string webUrl);

    /// <summary>The pull request, or null when the repository has no pull request with that number.</summary>
    Task<PullRequestInfo?> GetAsync(string webUrl, int number, CancellationToken cancellationToken);
}
