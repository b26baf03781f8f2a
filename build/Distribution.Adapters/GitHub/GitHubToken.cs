namespace Distribution.Adapters.GitHub;

/// <summary>
/// The GitHub token from the environment: <c>GITHUB_TOKEN</c>, else <c>GH_TOKEN</c>, with surrounding whitespace
/// removed (a token read from a file or pasted often ends in a newline, which an HTTP header cannot carry); null
/// when neither holds anything but whitespace. The one reader for publish and the release notes.
/// </summary>
public static class GitHubToken
{
    public static string? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = environment("GITHUB_TOKEN")?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            token = environment("GH_TOKEN")?.Trim();
        }

        return string.IsNullOrEmpty(token) ? null : token;
    }
}
