using Distribution.Adapters.GitHub;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Integration.Tests.Publishing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>Pull request titles and authors from the fake GitHub API served on 127.0.0.1 (GitHub Enterprise layout: /api/v3).</summary>
public sealed class PullRequestEnrichmentTests(SampleRepositoriesFixture samples) : IClassFixture<SampleRepositoriesFixture>
{
    [Fact]
    public async Task Pull_request_is_read_with_the_token_and_a_missing_one_is_null()
    {
        await using var server = await StartAsync();
        using var source = new GitHubPullRequests(FakeGitHub.Token, server.ApiUrl.ToString());
        var web = server.BaseUrl + "/example/provisioning-core";

        var found = await source.GetAsync(web, 55, CancellationToken.None);
        var missing = await source.GetAsync(web, 9999, CancellationToken.None);

        Assert.Equal(new PullRequestInfo(55, "Read settings only from settings.k", "bram-dv"), found);
        Assert.Null(missing);
        Assert.Equal(2, server.Authorizations.Count);
        Assert.All(server.Authorizations, authorization => Assert.Equal($"Bearer {FakeGitHub.Token}", authorization));
    }

    [Fact]
    public void Only_repositories_of_the_api_host_are_supported()
    {
        using var publicApi = new GitHubPullRequests("t");
        using var enterprise = new GitHubPullRequests("t", "https://ghe.example.com/api/v3");

        Assert.True(publicApi.Supports("https://github.com/owner/repo"));
        Assert.False(publicApi.Supports("https://gitlab.com/owner/repo"));
        Assert.False(publicApi.Supports("https://github.com/owner"));
        Assert.True(enterprise.Supports("https://ghe.example.com/owner/repo.git"));
        Assert.False(enterprise.Supports("https://github.com/owner/repo"));
    }

    [Fact]
    public async Task Bundle_notes_show_pull_request_titles_and_authors()
    {
        await using var server = await StartAsync();
        using var source = new GitHubPullRequests(FakeGitHub.Token, server.ApiUrl.ToString());

        var result = await new ReleaseNotesService(samples.MirrorAsync, source).CollectAsync(
            SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, Sources(server), CancellationToken.None);

        Assert.Empty(result.Warnings);
        Assert.Contains(
            "read settings from settings.k instead of settings.toml "
                + $"([#55]({server.BaseUrl}/example/provisioning-core/pull/55): Read settings only from settings.k by @bram-dv)",
            result.Markdown,
            StringComparison.Ordinal);
        Assert.Contains(
            $"read each manifest once when listing ([#57]({server.BaseUrl}/example/provisioning-core/pull/57) by @chen-wei)",
            result.Markdown,
            StringComparison.Ordinal);
        Assert.Contains("GET /api/v3/repos/example/provisioning-core/pulls/63", server.RequestLog);
    }

    [Fact]
    public async Task Failing_api_gives_a_warning_and_the_notes_from_git_alone()
    {
        await using var server = await StartAsync();
        server.InjectAlways(FakeGitHub.FaultKind.ServerError, "GET", "/pulls/");
        using var source = new GitHubPullRequests(FakeGitHub.Token, server.ApiUrl.ToString());
        var sources = Sources(server);

        var warning = await AssertNotesFromGitAloneAsync(source, sources);

        Assert.False(warning.IsError);
        Assert.Contains("HTTP 500", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, warning.ToString(), StringComparison.Ordinal);
        // gave up on the repository after the first failure
        Assert.Single(server.RequestLog, request => request.Contains("provisioning-core", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"title\": ")]
    [InlineData("<html>proxy error</html>")]
    public async Task An_answer_that_is_not_a_pull_request_object_gives_a_warning_and_the_notes_from_git_alone(string body)
    {
        await using var server = await StartAsync();
        server.InjectAlways(FakeGitHub.FaultKind.CustomBody, "GET", "/pulls/", body);
        using var source = new GitHubPullRequests(FakeGitHub.Token, server.ApiUrl.ToString());
        var sources = Sources(server);

        var warning = await AssertNotesFromGitAloneAsync(source, sources);

        Assert.False(warning.IsError);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Any_exception_from_the_source_is_a_warning_and_the_notes_come_from_git_alone(bool inSupports)
    {
        var source = new ThrowingSource(new InvalidOperationException("unexpected"), inSupports);
        var sources = Sources("https://github.com");

        var warning = await AssertNotesFromGitAloneAsync(source, sources);

        Assert.Contains("InvalidOperationException: unexpected", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancellation_the_caller_asked_for_is_not_swallowed()
    {
        using var cancel = new CancellationTokenSource();
        var source = new ThrowingSource(null, inSupports: false, onGet: cancel.Cancel);
        var sources = Sources("https://github.com");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ReleaseNotesService(samples.MirrorAsync, source).CollectAsync(
            SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, cancel.Token));
    }

    [Theory]
    [InlineData("ghe.example.com/api/v3")]
    [InlineData("file:///api/v3")]
    public void A_bad_api_url_in_the_environment_gives_no_source_and_says_why_instead_of_throwing(string apiUrl)
    {
        var environment = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "abcd1234", ["GITHUB_API_URL"] = apiUrl };

        using var source = GitHubPullRequests.FromEnvironment(name => environment.GetValueOrDefault(name), out var problem);

        Assert.Null(source);
        Assert.Equal($"GITHUB_API_URL '{apiUrl}' is not an http(s) URL (expected e.g. https://ghe.example.com/api/v3)", problem);
    }

    /// <summary>The fake GitHub with the two pull requests of the sample core that the stable-3.2 notes name and it knows.</summary>
    private static async Task<FakeGitHub> StartAsync()
    {
        var server = await FakeGitHub.StartAsync();
        server.AddPullRequest("example/provisioning-core", 55, "Read settings only from settings.k", "bram-dv");
        server.AddPullRequest("example/provisioning-core", 57, "perf(extensions): read each manifest once when listing", "chen-wei");
        return server;
    }

    private static Dictionary<ComponentKind, ComponentSource> Sources(FakeGitHub server) => Sources(server.BaseUrl);

    /// <summary>The sample sources, each with a web URL <c>BASE/example/NAME</c>.</summary>
    private static Dictionary<ComponentKind, ComponentSource> Sources(string webBase) =>
        SampleRepositoriesFixture.Sources().ToDictionary(
            pair => pair.Key, pair => pair.Value with { WebUrl = $"{webBase}/example/{pair.Value.Repository["sample:".Length..]}" });

    /// <summary>
    /// The stable-3.2 notes with <paramref name="source"/> are those without any: the notes from git alone, and one
    /// RN020 warning about the core, which is returned.
    /// </summary>
    private async Task<Diagnostic> AssertNotesFromGitAloneAsync(
        IPullRequestSource source, Dictionary<ComponentKind, ComponentSource> sources)
    {
        var enriched = await new ReleaseNotesService(samples.MirrorAsync, source).CollectAsync(
            SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);
        var plain = await new ReleaseNotesService(samples.MirrorAsync).CollectAsync(
            SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);

        Assert.Equal(plain.Markdown, enriched.Markdown);
        var warning = Assert.Single(enriched.Warnings.Where(diagnostic => diagnostic.Message.Contains("core", StringComparison.Ordinal)));
        Assert.Equal("RN020", warning.Code);
        return warning;
    }

    /// <summary>A pull request source that throws (from Supports or from GetAsync), or cancels the caller's token when asked.</summary>
    private sealed class ThrowingSource(Exception? exception, bool inSupports, Action? onGet = null) : IPullRequestSource
    {
        public bool Supports(string webUrl) => inSupports && exception is not null ? throw exception : true;

        public Task<PullRequestInfo?> GetAsync(string webUrl, int number, CancellationToken cancellationToken)
        {
            onGet?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            return exception is null ? Task.FromResult<PullRequestInfo?>(null) : Task.FromException<PullRequestInfo?>(exception);
        }
    }
}
