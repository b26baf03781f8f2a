namespace Distribution.Adapters.GitHub;

/// <summary>
/// How to reach GitHub: the API root (<c>GITHUB_API_URL</c>, https://api.github.com by default; GitHub Enterprise is
/// <c>https://HOST/api/v3</c>), the repository <c>OWNER/NAME</c>, the token (never printed), and the retry policy.
/// </summary>
public sealed record GitHubClientOptions(Uri ApiUrl, string Repository, string Token)
{
    public static Uri DefaultApiUrl { get; } = new("https://api.github.com");

    /// <summary>First backoff delay after a network error or a 5xx; doubles with each retry.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one request (and reconcile rounds of one release or asset step).</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest wait honoured for <c>retry-after</c> or <c>x-ratelimit-reset</c>; longer waits are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Time allowed for one request (uploads of large archives included).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public override string ToString() => $"GitHubClientOptions {{ ApiUrl = {ApiUrl}, Repository = {Repository}, Token = *** }}";
}
