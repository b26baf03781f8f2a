using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Distribution.Core.ReleaseNotes;

namespace Distribution.Adapters.GitHub;

/// <summary>
/// Pull request titles and authors from the GitHub REST API (<c>GET /repos/{owner}/{repo}/pulls/{number}</c>),
/// for release notes. Minimal on purpose: one GET per pull request, a short timeout, no retries — enrichment is
/// optional and its caller reports a failure as a warning. The token is sent as a bearer header and never
/// appears in a message. <c>GITHUB_API_URL</c> points it at GitHub Enterprise.
/// </summary>
public sealed class GitHubPullRequests : IPullRequestSource, IDisposable
{
    public const string DefaultApiUrl = "https://api.github.com";

    private readonly HttpClient http;
    private readonly Uri api;

    /// <param name="token">The API token (<c>GITHUB_TOKEN</c>).</param>
    /// <param name="apiUrl">The API root; <see cref="DefaultApiUrl"/> when null or empty.</param>
    /// <param name="handler">The HTTP handler (tests may pass one); disposed with this object.</param>
    public GitHubPullRequests(string token, string? apiUrl = null, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        api = TryApiRoot(apiUrl) ?? throw new ArgumentException($"'{apiUrl}' is not an absolute http(s) URL", nameof(apiUrl));
        http = new HttpClient(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = timeout ?? TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("provisioning-dist", "1.0"));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
    }

    /// <summary>
    /// The source the environment asks for (<c>GITHUB_TOKEN</c> or <c>GH_TOKEN</c>, <c>GITHUB_API_URL</c>); null without a
    /// token, and null with <paramref name="problem"/> set when <c>GITHUB_API_URL</c> is not an http(s) URL — never an
    /// exception, since enrichment must never fail a release.
    /// </summary>
    public static GitHubPullRequests? FromEnvironment(Func<string, string?> environment, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(environment);
        problem = null;
        var token = environment("GITHUB_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            token = environment("GH_TOKEN");
        }

        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var apiUrl = environment("GITHUB_API_URL");
        if (TryApiRoot(apiUrl) is null)
        {
            problem = $"GITHUB_API_URL '{apiUrl}' is not an http(s) URL (expected e.g. https://ghe.example.com/api/v3)";
            return null;
        }

        return new GitHubPullRequests(token, apiUrl);
    }

    /// <summary>github.com repositories with the public API; with an Enterprise API URL, repositories on the same host.</summary>
    public bool Supports(string webUrl) => TryParse(webUrl, out _, out _);

    public async Task<PullRequestInfo?> GetAsync(string webUrl, int number, CancellationToken cancellationToken)
    {
        if (!TryParse(webUrl, out var owner, out var repository))
        {
            return null;
        }

        var uri = new Uri(
            api,
            $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}"
                + $"/pulls/{number.ToString(CultureInfo.InvariantCulture)}");
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"GET {uri.AbsolutePath} answered HTTP "
                    + $"{((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}",
                null,
                response.StatusCode);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"GET {uri.AbsolutePath} answered a JSON "
                    + $"{root.ValueKind.ToString().ToLowerInvariant()}, not a pull request object");
            }

            var title = root.TryGetProperty("title", out var titleElement) && titleElement.ValueKind == JsonValueKind.String
                ? titleElement.GetString()!
                : string.Empty;
            var login = root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object
                && user.TryGetProperty("login", out var loginElement) && loginElement.ValueKind == JsonValueKind.String
                ? loginElement.GetString()!
                : string.Empty;
            return new PullRequestInfo(number, title, login);
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// The API root with a trailing slash (<see cref="DefaultApiUrl"/> for null or empty), or null when it is not an absolute http(s) URL.
    /// </summary>
    private static Uri? TryApiRoot(string? apiUrl) =>
        Uri.TryCreate((string.IsNullOrEmpty(apiUrl) ? DefaultApiUrl : apiUrl).TrimEnd('/') + "/", UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;

    private bool TryParse(string webUrl, out string owner, out string repository)
    {
        owner = repository = string.Empty;
        if (!Uri.TryCreate(webUrl, UriKind.Absolute, out var web) || (web.Scheme != Uri.UriSchemeHttps && web.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var publicApi = api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase);
        var sameHost = publicApi
            ? web.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
            : web.Host.Equals(api.Host, StringComparison.OrdinalIgnoreCase);
        var parts = web.AbsolutePath.Trim('/').Split('/');
        if (!sameHost || parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return false;
        }

        owner = parts[0];
        repository = parts[1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? parts[1][..^4] : parts[1];
        return true;
    }
}
