using Distribution.Adapters.GitHub;
using Distribution.Adapters.Registry;
using Distribution.Core.Diagnostics;
using Distribution.Testing;
using static Distribution.Integration.Tests.Publishing.FakeGitHub;

namespace Distribution.Integration.Tests.Publishing;

public sealed class GitHubPublishTests
{
    private const string Tag = "stable-3.2";

    public static TheoryData<FaultKind, string, string> Faults => new()
    {
        { FaultKind.ServerError, "POST", "/api/v3/repos/acme/provisioning/releases" },
        { FaultKind.DropAfterDoing, "POST", "/api/v3/repos/acme/provisioning/releases" },
        { FaultKind.ServerError, "GET", "/releases?per_page" },
        { FaultKind.ServerError, "GET", "/assets?per_page" },
        { FaultKind.ServerError, "POST", "/uploads/" },
        { FaultKind.DropMidUpload, "POST", "name=provisioning-core-3.2.1.tar.gz" },
        { FaultKind.DropMidUpload, "POST", "name=bundle.json" },
        { FaultKind.DropAfterDoing, "POST", "name=provisioning-ext-mongodb-1.2.0.tar.gz" },
        { FaultKind.RetryAfter, "POST", "name=SHA256SUMS" },
        { FaultKind.RetryAfter, "GET", "/releases?per_page" },
        { FaultKind.RateLimitReset, "POST", "/api/v3/repos/acme/provisioning/releases" },
        { FaultKind.ServerError, "PATCH", "/releases/" },
        { FaultKind.DropAfterDoing, "PATCH", "/releases/" },
    };

    [Fact]
    public async Task Publishes_a_draft_uploads_every_asset_once_then_publishes_it_with_the_notes()
    {
        using var work = new TempDirectory("gh");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = await Bundle(work);

        var (result, _) = await PublishAsync(fake, bundle);
        var release = result.Release;

        var only = Assert.Single(fake.Releases);
        Assert.Equal(only.Id, release.Id);
        Assert.False(only.Draft);
        Assert.Equal(bundle.Notes, only.Body);
        Assert.Equal("Stable 3.2 Bundle", only.Name);
        Assert.Equal(
            bundle.Files.Keys.Order(StringComparer.Ordinal), only.Assets.Select(asset => asset.Name).Order(StringComparer.Ordinal));
        Assert.All(only.Assets, asset => Assert.Equal(bundle.Files[asset.Name].Sha256, asset.Sha256));
        var log = fake.RequestLog;
        var create = log.ToList().FindIndex(line => line.StartsWith(
            "POST /api/v3/repos/acme/provisioning/releases", StringComparison.Ordinal));
        var firstUpload = log.ToList().FindIndex(line => line.StartsWith("POST /uploads/", StringComparison.Ordinal));
        Assert.True(create >= 0 && create < firstUpload, string.Join('\n', log));
        Assert.StartsWith("PATCH ", log[^1], StringComparison.Ordinal);
        Assert.Equal(bundle.Files.Count, log.Count(line => line.StartsWith("POST /uploads/", StringComparison.Ordinal)));
        Assert.True(result.Changed);
    }

    [Fact]
    public async Task A_second_run_sends_no_mutating_request()
    {
        using var work = new TempDirectory("gh");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = await Bundle(work);
        await PublishAsync(fake, bundle);
        var state = fake.Describe();
        var mutating = fake.MutatingRequests;

        var (result, log) = await PublishAsync(fake, bundle);

        Assert.Equal(mutating, fake.MutatingRequests);
        Assert.Equal(state, fake.Describe());
        Assert.Contains(log, line => line.Contains("nothing to do", StringComparison.Ordinal));
        Assert.False(result.Changed);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task After_a_fault_the_run_and_a_rerun_end_with_one_release_and_each_asset_once(
        FaultKind kind, string method, string match)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var reference = await FakeGitHub.StartAsync();
        await PublishAsync(reference, bundle);
        await using var fake = await FakeGitHub.StartAsync();
        fake.Inject(kind, method, match);

        await PublishAsync(fake, bundle);
        Assert.Equal(0, fake.PendingFaults);
        await PublishAsync(fake, bundle);

        Assert.Equal(reference.Describe(), fake.Describe());
        Assert.Single(fake.Releases);
    }

    [Fact]
    public async Task A_stale_listing_meets_422_already_exists_and_is_reconciled()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var reference = await FakeGitHub.StartAsync();
        await PublishAsync(reference, bundle);
        await using var fake = await FakeGitHub.StartAsync();
        // A published release owns its tag: only then does GitHub answer a create with 422 already_exists.
        var published = fake.AddRelease(Tag, draft: false);
        fake.AddAsset(
            published, "provisioning-core-3.2.1.tar.gz", await File.ReadAllBytesAsync(bundle.FilePath("provisioning-core-3.2.1.tar.gz")));
        fake.Inject(FaultKind.StaleEmptyList, "GET", "/releases?per_page");
        fake.Inject(FaultKind.StaleEmptyList, "GET", "/assets?per_page");

        var (_, log) = await PublishAsync(fake, bundle);

        Assert.Equal(0, fake.PendingFaults);
        Assert.Contains(log, line => line.Contains("release 'stable-3.2' already exists (422 already_exists)", StringComparison.Ordinal));
        Assert.Contains(
            log,
            line => line.Contains("asset provisioning-core-3.2.1.tar.gz already exists (422 already_exists)", StringComparison.Ordinal));
        Assert.Equal(reference.Describe(), fake.Describe());
        Assert.Equal(
            1, fake.RequestLog.Count(line => line.StartsWith("POST /api/v3/repos/acme/provisioning/releases", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_lost_create_response_and_stale_listings_end_with_one_release_and_each_asset_once(int staleListings)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var reference = await FakeGitHub.StartAsync();
        await PublishAsync(reference, bundle);
        await using var fake = await FakeGitHub.StartAsync();
        // The server creates the draft and the connection drops before the answer; the listings after it miss that draft,
        // so the publisher creates a second one (GitHub allows several drafts with one tag).
        fake.Inject(FaultKind.DropAfterDoing, "POST", "/api/v3/repos/acme/provisioning/releases");
        fake.Inject(FaultKind.StaleEmptyList, "GET", "/releases?per_page", times: staleListings, skip: 1);

        var (first, log) = await PublishAsync(fake, bundle);

        Assert.Equal(0, fake.PendingFaults);
        Assert.Equal(
            2, fake.RequestLog.Count(line => line.StartsWith("POST /api/v3/repos/acme/provisioning/releases", StringComparison.Ordinal)));
        Assert.False(first.Release.Draft);
        if (staleListings == 1)
        {
            // The listing after the create shows the lost draft: it is deleted before the release is published.
            Assert.Single(fake.Releases);
            Assert.Single(log, line => line.StartsWith("delete duplicate empty draft release 'stable-3.2'", StringComparison.Ordinal));
            Assert.Equal(reference.Describe(), fake.Describe());
        }

        var (second, _) = await PublishAsync(fake, bundle);

        var only = Assert.Single(fake.Releases);
        Assert.Equal(first.Release.Id, only.Id);
        Assert.Equal(first.Release.Id, second.Release.Id);
        Assert.Equal(reference.Describe(), fake.Describe());
        Assert.Equal(bundle.Files.Count, only.Assets.Count);
        Assert.Equal(bundle.Files.Count, fake.RequestLog.Count(line => line.StartsWith("POST /uploads/", StringComparison.Ordinal)));
        Assert.Equal(
            1,
            fake.RequestLog.Count(line => line.StartsWith("DELETE /api/v3/repos/acme/provisioning/releases/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_draft_with_assets_is_preferred_over_an_empty_duplicate_which_is_deleted()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var reference = await FakeGitHub.StartAsync();
        await PublishAsync(reference, bundle);
        await using var fake = await FakeGitHub.StartAsync();
        fake.AddRelease(Tag, draft: true);
        var started = fake.AddRelease(Tag, draft: true);
        fake.AddAsset(started, "bundle.json", await File.ReadAllBytesAsync(bundle.FilePath("bundle.json")));

        var (result, log) = await PublishAsync(fake, bundle);

        Assert.Equal(started.Id, Assert.Single(fake.Releases).Id);
        Assert.Equal(started.Id, result.Release.Id);
        Assert.Equal(reference.Describe(), fake.Describe());
        Assert.Contains(log, line => line.Contains("keep asset bundle.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Broken_assets_left_by_an_interrupted_upload_are_deleted_and_uploaded_again()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var reference = await FakeGitHub.StartAsync();
        await PublishAsync(reference, bundle);
        await using var fake = await FakeGitHub.StartAsync();
        var draft = fake.AddRelease(Tag, draft: true);
        var core = await File.ReadAllBytesAsync(bundle.FilePath("provisioning-core-3.2.1.tar.gz"));
        fake.AddAsset(draft, "provisioning-core-3.2.1.tar.gz", core[..10], state: "starter", size: 0);
        var notes = await File.ReadAllBytesAsync(bundle.FilePath("RELEASE_NOTES.md"));
        fake.AddAsset(draft, "RELEASE_NOTES.md", notes, state: "open");

        var (_, log) = await PublishAsync(fake, bundle);

        Assert.Equal(reference.Describe(), fake.Describe());
        Assert.Equal(2, log.Count(line => line.StartsWith("delete broken asset", StringComparison.Ordinal)));
        Assert.Equal(2, fake.RequestLog.Count(line => line.StartsWith("DELETE ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_finished_asset_of_another_size_is_refused_and_never_deleted(bool serverReportsDigests)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        fake.ReportDigests = serverReportsDigests;
        var draft = fake.AddRelease(Tag, draft: true);
        var other = "# partial"u8.ToArray();
        fake.AddAsset(draft, "RELEASE_NOTES.md", other);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => PublishAsync(fake, bundle));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB023", diagnostic.Code);
        Assert.Contains("'RELEASE_NOTES.md'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"sha256 {SyntheticBundle.Sha256(other)} ({other.Length} bytes)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(
            $"sha256 {bundle.Files["RELEASE_NOTES.md"].Sha256} ({bundle.Files["RELEASE_NOTES.md"].Size} bytes)",
            diagnostic.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(
            fake.RequestLog,
            line => line.StartsWith("DELETE ", StringComparison.Ordinal) || line.StartsWith("PATCH ", StringComparison.Ordinal));
        Assert.Contains("RELEASE_NOTES.md uploaded 9 " + SyntheticBundle.Sha256(other), fake.Describe(), StringComparison.Ordinal);
        Assert.True(Assert.Single(fake.Releases).Draft);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_asset_with_other_bytes_is_refused_naming_the_file_and_both_digests(bool serverReportsDigests)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        fake.ReportDigests = serverReportsDigests;
        var draft = fake.AddRelease(Tag, draft: true);
        var other = await File.ReadAllBytesAsync(bundle.FilePath("bundle.json"));
        other[10] ^= 0x20;
        fake.AddAsset(draft, "bundle.json", other);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => PublishAsync(fake, bundle));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB023", diagnostic.Code);
        Assert.Contains("'bundle.json'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(other), diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(bundle.Files["bundle.json"].Sha256, diagnostic.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(fake.Releases).Draft);
    }

    [Fact]
    public async Task Without_digests_from_the_server_assets_are_verified_by_download_and_kept()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        fake.ReportDigests = false;
        await PublishAsync(fake, bundle);
        var mutating = fake.MutatingRequests;
        var downloads = fake.RequestLog.Count(line => line.StartsWith("GET /download/", StringComparison.Ordinal));

        var (_, log) = await PublishAsync(fake, bundle);

        Assert.Equal(mutating, fake.MutatingRequests);
        Assert.Equal(bundle.Files.Count, log.Count(line => line.Contains("(downloaded: same bytes)", StringComparison.Ordinal)));
        Assert.Equal(
            downloads + bundle.Files.Count, fake.RequestLog.Count(line => line.StartsWith("GET /download/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_token_appears_in_no_log_line_and_no_error()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        fake.Inject(FaultKind.ServerError, "POST", "/uploads/");
        fake.Inject(FaultKind.RetryAfter, "GET", "/releases?per_page");
        var (_, log) = await PublishAsync(fake, bundle);
        var options = new GitHubClientOptions(
            new Uri(fake.ApiUrl + "/nowhere"),
            fake.Repository,
            FakeGitHub.Token) { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 2 };
        using var client = new GitHubClient(options, log.Add);

        var error = await Assert.ThrowsAsync<UserErrorException>(
            () => new GitHubReleasePublisher(client, log.Add, FaultInjection.None).PublishAsync(bundle, Tag, CancellationToken.None));

        Assert.Equal("PUB022", Assert.Single(error.Diagnostics).Code);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, string.Join('\n', log) + error + options, StringComparison.Ordinal);
        Assert.NotEmpty(log);
    }

    [Theory]
    [InlineData("GET", "/releases?per_page", 120)]
    [InlineData("POST", "/api/v3/repos/acme/provisioning/releases", 45)]
    [InlineData("POST", "name=SHA256SUMS", 7)]
    [InlineData("PATCH", "/releases/", 300)]
    [InlineData("GET", "/assets?per_page", 3600)] // more than the 15 minutes honoured: cut to them
    public async Task A_retry_after_is_waited_for_exactly_then_the_request_is_sent_again(string method, string match, int seconds)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        var time = new RecordingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        fake.RetryAfterSeconds = seconds;
        fake.Inject(FaultKind.RetryAfter, method, match);

        var (result, log) = await PublishAsync(fake, bundle, time);

        Assert.Equal(0, fake.PendingFaults);
        Assert.False(result.Release.Draft);
        Assert.Equal([TimeSpan.FromSeconds(Math.Min(seconds, 15 * 60))], time.Waits);
        Assert.Contains(log, line => line.StartsWith("retry 1 after HTTP 403", StringComparison.Ordinal));
        // The refused request (the first that matched) was sent again right after the wait.
        var requests = fake.RequestLog;
        var refused = requests.ToList().FindIndex(line => line.StartsWith(method + " ", StringComparison.Ordinal)
            && line.Contains(match, StringComparison.Ordinal));
        Assert.Equal(requests[refused], requests[refused + 1]);
    }

    [Theory]
    [InlineData("GET", "/releases?per_page", 90)]
    [InlineData("POST", "name=bundle.json", 600)]
    public async Task An_exhausted_rate_limit_is_waited_out_until_its_reset_time(string method, string match, int secondsToReset)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        var time = new RecordingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        fake.RateLimitResetAt = time.Now.AddSeconds(secondsToReset);
        fake.Inject(FaultKind.RateLimitReset, method, match);

        var (result, _) = await PublishAsync(fake, bundle, time);

        Assert.Equal(0, fake.PendingFaults);
        Assert.False(result.Release.Draft);
        Assert.Equal([TimeSpan.FromSeconds(secondsToReset + 1)], time.Waits); // until the reset, and one second more
        Assert.Single(fake.Releases);
    }

    [Theory]
    [InlineData("POST", "/api/v3/repos/acme/provisioning/releases")]
    [InlineData("POST", "name=provisioning-core-3.2.1.tar.gz")]
    [InlineData("PATCH", "/releases/")]
    public async Task A_422_other_than_already_exists_fails_after_exactly_one_request(string method, string match)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        var time = new RecordingTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        fake.Inject(FaultKind.ValidationFailed, method, match);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => PublishAsync(fake, bundle, time));

        Assert.Equal(0, fake.PendingFaults);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB022", diagnostic.Code);
        Assert.Contains("422 Validation Failed (invalid)", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(
            1,
            fake.RequestLog.Count(line => line.StartsWith(method + " ", StringComparison.Ordinal)
                && line.Contains(match, StringComparison.Ordinal)));
        Assert.Empty(time.Waits);
        Assert.All(fake.Releases, release => Assert.True(release.Draft));
        Assert.Equal(match.StartsWith("/api/", StringComparison.Ordinal) ? 0 : 1, fake.Releases.Count);
    }

    [Theory]
    [InlineData(FaultKind.NotJson, "GET", "/releases?per_page", "GET /api/v3/repos/acme/provisioning/releases answered not JSON")]
    [InlineData(
        FaultKind.WrongShape,
        "GET",
        "/releases?per_page",
        "GET /api/v3/repos/acme/provisioning/releases answered not the JSON GitHub sends")]
    [InlineData(
        FaultKind.WrongShape,
        "POST",
        "/api/v3/repos/acme/provisioning/releases",
        "POST /api/v3/repos/acme/provisioning/releases answered not the JSON GitHub sends")]
    [InlineData(FaultKind.NotJson, "GET", "/assets?per_page", "/assets answered not JSON")]
    [InlineData(FaultKind.WrongShape, "POST", "name=bundle.json", "/assets answered not the JSON GitHub sends")]
    [InlineData(FaultKind.WrongShape, "PATCH", "/releases/", "PATCH /api/v3/repos/acme/provisioning/releases/")]
    [InlineData(FaultKind.ErrorWithArrayBody, "GET", "/releases?per_page", "failed: 404")]
    public async Task A_malformed_answer_is_a_PUB022_user_error_naming_the_request(
        FaultKind kind, string method, string match, string expected)
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        fake.Inject(kind, method, match);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => PublishAsync(fake, bundle));

        Assert.Equal(0, fake.PendingFaults);
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB022", diagnostic.Code);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(
        "https://uploads.github.com/repos/acme/provisioning/releases/1/assets{?name,label}",
        "a b+c.tar.gz",
        "https://uploads.github.com/repos/acme/provisioning/releases/1/assets?name=a%20b%2Bc.tar.gz")]
    [InlineData(
        "https://ghe.example.com/api/uploads/repos/acme/p/releases/7/assets{?name,label}",
        "bundle.json",
        "https://ghe.example.com/api/uploads/repos/acme/p/releases/7/assets?name=bundle.json")]
    [InlineData(
        "http://127.0.0.1:5000/uploads/repos/a/b/releases/9/assets",
        "SHA256SUMS",
        "http://127.0.0.1:5000/uploads/repos/a/b/releases/9/assets?name=SHA256SUMS")]
    public void Uploads_go_to_the_upload_url_the_API_returned_without_its_template(string uploadUrl, string name, string expected)
    {
        var release = new GitHubRelease(1, Tag, Tag, string.Empty, Draft: true, uploadUrl);

        Assert.Equal(expected, GitHubClient.UploadUri(release, name).AbsoluteUri);
    }

    [Fact]
    public async Task An_API_url_with_a_trailing_slash_is_the_same_API()
    {
        using var work = new TempDirectory("gh");
        var bundle = await Bundle(work);
        await using var fake = await FakeGitHub.StartAsync();
        var options = new GitHubClientOptions(
            new Uri(fake.ApiUrl + "/"), fake.Repository, FakeGitHub.Token) { RetryBaseDelay = TimeSpan.FromMilliseconds(5) };
        using var client = new GitHubClient(options);

        await new GitHubReleasePublisher(client, _ => { }, FaultInjection.None).PublishAsync(bundle, Tag, CancellationToken.None);

        Assert.False(Assert.Single(fake.Releases).Draft);
        Assert.DoesNotContain(fake.RequestLog, line => line.Contains("//", StringComparison.Ordinal));
    }

    private static async Task<BundleFolder> Bundle(TempDirectory work) =>
        await RegistryPublishTests.LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));

    private static async Task<(GitHubPublishResult Result, List<string> Log)> PublishAsync(
        FakeGitHub fake, BundleFolder bundle, TimeProvider? time = null)
    {
        var log = new List<string>();
        var options = new GitHubClientOptions(fake.ApiUrl, fake.Repository, FakeGitHub.Token)
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            MaxRetries = 4
        };
        using var client = new GitHubClient(options, log.Add, time: time);
        var result = await new GitHubReleasePublisher(
            client, log.Add, FaultInjection.None).PublishAsync(bundle, Tag, CancellationToken.None);
        return (result, log);
    }
}
