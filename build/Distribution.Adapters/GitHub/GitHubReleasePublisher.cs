using System.Collections.Immutable;
using Distribution.Adapters.Registry;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.GitHub;

/// <summary>
/// Publishes a bundle folder as a GitHub release, resumably and idempotently:
/// find the release for the tag (or create it as a DRAFT), then for each file of the bundle folder decide with
/// <see cref="ReleaseAssetPlanner"/> (keep / verify by download / delete a broken upload and upload / upload /
/// refuse a different one), verify every asset again, and only then publish the release (draft=false) with the
/// bundle's notes. Every failed mutating request is followed by a fresh listing (never a blind retry), so an
/// interrupted run, a lost response or a 422 <c>already_exists</c> can never produce a duplicate asset. GitHub
/// lets several drafts share a tag, so a create whose response was lost, followed by a stale listing, can leave
/// a second draft: the publisher lists again after creating one (and whenever a listing shows several releases
/// for the tag) and deletes the duplicate drafts that hold no asset, so one release remains.
/// One instance publishes one release at a time.
/// </summary>
public sealed class GitHubReleasePublisher
{
    public const string ErrorCode = DiagnosticCodes.Publishing.GitHubFailed;

    private readonly GitHubClient client;
    private readonly Action<string> log;
    private readonly FaultInjection faults;
    private int mutations;

    public GitHubReleasePublisher(GitHubClient client, Action<string> log, FaultInjection faults)
    {
        this.client = client;
        this.log = log;
        this.faults = faults;
    }

    /// <summary>The requests a publish makes into a release that does not exist yet; the dry run prints these and sends nothing.</summary>
    public static ImmutableArray<string> DryRunRequests(string repository, string tag, BundleFolder bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var releases = GitHubClient.ReleasesPath(repository);
        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add($"GET {releases}?per_page=100&page=1 (find the release tagged '{tag}')");
        lines.Add($"POST {releases} (create draft release '{tag}' named '{bundle.Bundle.Name}', unless it exists)");
        lines.Add($"GET {releases}/{{id}}/assets?per_page=100&page=1 (list its assets)");
        foreach (var name in AssetOrder(bundle))
        {
            var digest = bundle.Files[name];
            lines.Add($"POST {{upload_url}}?name={Uri.EscapeDataString(name)} ({digest.Size} bytes, "
                + $"sha256 {digest.Sha256}; skipped when the release has it with the same digest)");
        }

        lines.Add($"GET {releases}/{{id}}/assets?per_page=100&page=1 (verify every asset)");
        lines.Add($"GET {releases}?per_page=100&page=1 (after creating the draft: delete any empty duplicate draft tagged '{tag}')");
        lines.Add($"PATCH {releases}/{{id}} (draft=false, notes from {BundleFiles.Notes})");
        return lines.ToImmutable();
    }

    /// <summary>Upload order: component archives, then the bundle's own files (bundle.json, SHA256SUMS, notes, meta-package).</summary>
    public static ImmutableArray<string> AssetOrder(BundleFolder bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var own = RegistryLayout.BundleFileNames(bundle.Bundle);
        return [.. bundle.Files.Keys.Where(name => !own.Contains(name))
            .Order(StringComparer.Ordinal)
            .Concat(own.Where(bundle.Files.ContainsKey))];
    }

    /// <summary>Publishes the bundle folder as the release tagged <paramref name="tag"/>; API errors become diagnostics (PUB022).</summary>
    public async Task<GitHubPublishResult> PublishAsync(BundleFolder bundle, string tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        mutations = 0;
        try
        {
            var release = await PublishCoreAsync(bundle, tag, cancellationToken).ConfigureAwait(false);
            return new GitHubPublishResult(release, Changed: mutations > 0);
        }
        catch (GitHubApiException exception)
        {
            throw UserErrorException.Of(ErrorCode, $"GitHub: {exception.Message}", Advice(exception.Status));
        }
        catch (HttpRequestException exception)
        {
            throw UserErrorException.Of(
                ErrorCode,
                $"GitHub could not be reached: {exception.Message}",
                "check GITHUB_API_URL and the network, then run again; the publish resumes where it stopped");
        }
        catch (GitHubResponseException exception)
        {
            throw UserErrorException.Of(
                ErrorCode,
                $"GitHub: {exception.Message}",
                "check that GITHUB_API_URL is the API root (https://api.github.com, or https://HOST/api/v3 for GitHub "
                    + "Enterprise) and not a proxy or web page, then run again; the publish resumes where it stopped");
        }
    }

    private static string Advice(int status) => status switch
    {
        401 => "GITHUB_TOKEN is not valid: set a current token",
        403 => "the token may not write to this repository: it needs contents: write",
        404 => "check --github-repo (OWNER/NAME) and GITHUB_API_URL, and that the token can see the repository",
        _ => "run again; the publish resumes where it stopped",
    };

    private async Task<GitHubRelease> PublishCoreAsync(BundleFolder bundle, string tag, CancellationToken cancellationToken)
    {
        var (release, created) = await FindOrCreateDraftAsync(bundle, tag, cancellationToken).ConfigureAwait(false);
        log($"release '{tag}' (id {release.Id}, {(release.Draft ? "draft" : "published")})");
        var verifiedByDownload = new HashSet<string>(StringComparer.Ordinal);
        ImmutableArray<ReleaseAsset>? known = await client.ListAssetsAsync(release.Id, cancellationToken).ConfigureAwait(false);
        foreach (var name in AssetOrder(bundle))
        {
            known = await EnsureAssetAsync(release, bundle, name, known, verifiedByDownload, cancellationToken).ConfigureAwait(false);
        }

        // Verify the whole release once more before it becomes visible.
        var assets = await client.ListAssetsAsync(release.Id, cancellationToken).ConfigureAwait(false);
        foreach (var name in AssetOrder(bundle))
        {
            var remote = assets.FirstOrDefault(asset => asset.Name == name);
            var action = ReleaseAssetPlanner.Decide(bundle.Files[name], remote);
            if (action != ReleaseAssetAction.Keep && !(action == ReleaseAssetAction.VerifyByDownload && verifiedByDownload.Contains(name)))
            {
                throw UserErrorException.Of(
                    ErrorCode,
                    $"release '{tag}': asset '{name}' is not verified after the upload ({action})",
                    "run the publish again; it resumes where it stopped");
            }
        }

        foreach (var extra in assets.Where(asset => !bundle.Files.ContainsKey(asset.Name)))
        {
            log($"warning: release '{tag}' has an asset '{extra.Name}' that is not part of the bundle; left alone");
        }

        if (created)
        {
            // A create whose response was lost may have left another draft that the listing before it did not show.
            var listed = await client.ListReleasesAsync(cancellationToken).ConfigureAwait(false);
            await SettleAsync(tag, [.. listed.Where(item => item.TagName == tag)], release, cancellationToken).ConfigureAwait(false);
        }

        if (release.Draft || release.Body != bundle.Notes || release.Name != bundle.Bundle.Name)
        {
            Mutating();
            release = await client.UpdateReleaseAsync(
                release.Id, bundle.Bundle.Name, bundle.Notes, draft: false, cancellationToken).ConfigureAwait(false);
            log($"published release '{tag}' (id {release.Id})");
        }
        else
        {
            log($"release '{tag}' is already published with every asset verified: nothing to do");
        }

        return release;
    }

    private async Task<(GitHubRelease Release, bool Created)> FindOrCreateDraftAsync(
        BundleFolder bundle, string tag, CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var attempt = 0; attempt <= client.Options.MaxRetries; attempt++)
        {
            var releases = await client.ListReleasesAsync(cancellationToken).ConfigureAwait(false);
            var matching = releases.Where(release => release.TagName == tag).ToImmutableArray();
            if (matching.Length > 0)
            {
                return (await SettleAsync(tag, matching, keep: null, cancellationToken).ConfigureAwait(false), false);
            }

            try
            {
                Mutating();
                log($"creating draft release '{tag}'");
                return (
                    await client.CreateReleaseAsync(
                        tag, bundle.Bundle.Name, bundle.Notes, draft: true, cancellationToken).ConfigureAwait(false),
                    true);
            }
            catch (GitHubApiException exception) when (exception.AlreadyExists)
            {
                log($"release '{tag}' already exists (422 already_exists): listing again");
                last = exception;
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                log($"creating the release failed ({Describe(exception)}): listing again before deciding");
                last = exception;
                await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }

        throw Failure($"could not find or create the release '{tag}'", last);
    }

    /// <summary>
    /// Of the releases tagged <paramref name="tag"/>, the one to publish into: <paramref name="keep"/> when given (the
    /// draft this run created and uploads into), else the published one, else the draft with the most assets (then
    /// the lowest id). Every other draft that holds no asset is a duplicate left by a lost create response: it is
    /// deleted. A draft that holds assets is never deleted (it is reported).
    /// </summary>
    private async Task<GitHubRelease> SettleAsync(
        string tag, ImmutableArray<GitHubRelease> matching, GitHubRelease? keep, CancellationToken cancellationToken)
    {
        if (keep is null && matching.Length == 1)
        {
            return matching[0];
        }

        var assetCounts = new Dictionary<long, int>();
        foreach (var draft in matching.Where(release => release.Draft && release.Id != keep?.Id))
        {
            assetCounts[draft.Id] = (await client.ListAssetsAsync(draft.Id, cancellationToken).ConfigureAwait(false)).Length;
        }

        var chosen = keep
            ?? matching.Where(release => !release.Draft).OrderBy(release => release.Id).FirstOrDefault()
            ?? matching.OrderByDescending(release => assetCounts[release.Id]).ThenBy(release => release.Id).First();
        foreach (var other in matching.Where(release => release.Id != chosen.Id).OrderBy(release => release.Id))
        {
            if (!other.Draft || assetCounts[other.Id] > 0)
            {
                log($"warning: release '{tag}' id {other.Id} "
                    + $"({(other.Draft ? $"draft with {assetCounts[other.Id]} asset(s)" : "published")}) "
                    + $"has the same tag; using id {chosen.Id} and leaving it alone");
                continue;
            }

            Mutating();
            log($"delete duplicate empty draft release '{tag}' (id {other.Id}); using id {chosen.Id}");
            await client.DeleteReleaseAsync(other.Id, cancellationToken).ConfigureAwait(false);
        }

        return chosen;
    }

    /// <summary>
    /// Called before every mutating request: the crash test hook, and the count that tells whether a run changed anything.
    /// </summary>
    private void Mutating()
    {
        faults.Step();
        mutations++;
    }

    private async Task<ImmutableArray<ReleaseAsset>?> EnsureAssetAsync(
        GitHubRelease release,
        BundleFolder bundle,
        string name,
        ImmutableArray<ReleaseAsset>? known,
        HashSet<string> verifiedByDownload,
        CancellationToken cancellationToken)
    {
        var local = bundle.Files[name];
        Exception? last = null;
        for (var attempt = 0; attempt <= client.Options.MaxRetries; attempt++)
        {
            var assets = known ?? await client.ListAssetsAsync(release.Id, cancellationToken).ConfigureAwait(false);
            known = null;
            var remote = assets.FirstOrDefault(asset => asset.Name == name);
            switch (ReleaseAssetPlanner.Decide(local, remote))
            {
                case ReleaseAssetAction.Keep:
                    log($"keep asset {name} (same size and digest)");
                    return assets;
                case ReleaseAssetAction.Conflict:
                    // A finished asset with other bytes is never deleted; name both digests (download it when the server reports none).
                    var other = remote!.Sha256 is { } reported
                        ? new FileDigest(remote.Size, reported)
                        : await client.DownloadAssetDigestAsync(remote.Id, cancellationToken).ConfigureAwait(false);
                    throw Conflict(release, name, local, other);
                case ReleaseAssetAction.VerifyByDownload:
                    var downloaded = await client.DownloadAssetDigestAsync(remote!.Id, cancellationToken).ConfigureAwait(false);
                    if (downloaded != local)
                    {
                        throw Conflict(release, name, local, downloaded);
                    }

                    log($"keep asset {name} (downloaded: same bytes)");
                    verifiedByDownload.Add(name);
                    return assets;
                case ReleaseAssetAction.ReplaceBroken:
                    try
                    {
                        Mutating();
                        log($"delete broken asset {name} (state {remote!.State}: an upload that never finished)");
                        await client.DeleteAssetAsync(remote.Id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (IsTransient(exception, cancellationToken))
                    {
                        last = exception;
                        await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    goto case ReleaseAssetAction.Upload;
                case ReleaseAssetAction.Upload:
                    try
                    {
                        Mutating();
                        log($"upload asset {name} ({local.Size} bytes)");
                        var uploaded = await client.UploadAssetAsync(
                            release, name, bundle.FilePath(name), cancellationToken).ConfigureAwait(false);
                        switch (ReleaseAssetPlanner.Decide(local, uploaded))
                        {
                            case ReleaseAssetAction.Keep:
                                // The server reported the digest of what it stored: verified.
                                return [.. assets.Where(asset => asset.Name != name), uploaded];
                            case ReleaseAssetAction.VerifyByDownload:
                                // No digest reported: the next round lists again and downloads it.
                                continue;
                        }

                        log($"the upload of {name} did not arrive whole (state {uploaded.State}, {uploaded.Size} bytes): checking again");
                    }
                    catch (GitHubApiException exception) when (exception.AlreadyExists)
                    {
                        log($"asset {name} already exists (422 already_exists): listing again");
                        last = exception;
                    }
                    catch (Exception exception) when (IsTransient(exception, cancellationToken))
                    {
                        log($"the upload of {name} failed ({Describe(exception)}): listing again before deciding");
                        last = exception;
                        await BackoffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        throw Failure($"could not upload '{name}' to release '{release.TagName}'", last);
    }

    private static UserErrorException Conflict(GitHubRelease release, string name, FileDigest local, FileDigest remote) =>
        UserErrorException.Of(
            ReleaseAssetPlanner.ConflictCode,
            ReleaseAssetPlanner.ConflictMessage(name, local, remote, release.TagName),
            "published files never change: delete the asset on GitHub by hand if it is wrong, or publish under a new version");

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            GitHubApiException api => api.IsServerError,
            HttpRequestException or IOException => true,
            TaskCanceledException => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

    private static string Describe(Exception exception) =>
        exception is GitHubApiException api ? $"HTTP {api.Status} {api.ApiMessage}" : exception.GetType().Name;

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(client.Options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 10)), client.Time, cancellationToken);

    private static UserErrorException Failure(string what, Exception? last) =>
        last is GitHubApiException api
            ? UserErrorException.Of(
                ErrorCode,
                $"{what}: {api.Message}",
                "check the repository, the token's permissions (contents: write) and GITHUB_API_URL, then run again; the publish resumes")
            : UserErrorException.Of(
                ErrorCode,
                $"{what}{(last is null ? string.Empty : $": {last.GetType().Name}: {last.Message}")}",
                "run again when GitHub answers; the publish resumes where it stopped");
}
