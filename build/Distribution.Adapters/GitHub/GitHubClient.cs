using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distribution.Adapters.Files;
using Distribution.Adapters.Registry;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using Polly;
using Polly.Retry;

namespace Distribution.Adapters.GitHub;

/// <summary>
/// Our own small client of the GitHub REST API (releases and release assets) over HttpClient and System.Text.Json.
/// Every request goes through a Polly <see cref="ResiliencePipeline{T}"/>: rate limits (403/429 with
/// <c>retry-after</c>, or <c>x-ratelimit-remaining: 0</c> with <c>x-ratelimit-reset</c>) are waited out for any
/// request; network errors and 5xx are retried with exponential backoff for idempotent requests only (GET, PATCH,
/// DELETE). A POST that failed that way may have been carried out, so it is left to the caller to re-list and
/// reconcile (<see cref="GitHubReleasePublisher"/>). A 422 is never retried. The token is sent as a bearer header
/// and appears in no message, log line or exception.
/// </summary>
public sealed class GitHubClient : IDisposable
{
    private static readonly ResiliencePropertyKey<bool> IdempotentKey = new("provisioning.idempotent");
    private static readonly string[] RateLimitStatuses = ["403", "429"];

    private readonly HttpClient http;
    private readonly GitHubClientOptions options;
    private readonly Action<string> trace;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;
    private readonly string repositoryPath;

    /// <param name="options">Where and how to connect.</param>
    /// <param name="trace">Receives one line per request sent (method and URL) and per retry.</param>
    /// <param name="handler">The HTTP handler (tests may pass one; disposed with the client).</param>
    /// <param name="time">The clock and timers of every wait — rate limits, backoff
    /// (<see cref="TimeProvider.System"/> by default; tests record the waits).</param>
    public GitHubClient(
        GitHubClientOptions options, Action<string>? trace = null, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.trace = trace ?? (_ => { });
        Time = time ?? TimeProvider.System;
        http = new HttpClient(
            handler ?? new SocketsHttpHandler { AllowAutoRedirect = true, PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
            disposeHandler: true)
        {
            Timeout = options.RequestTimeout,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("provisioning-dist", "1.0"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        repositoryPath = "repos/" + string.Join('/', options.Repository.Split('/').Select(Uri.EscapeDataString));
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = Time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryBaseDelay,
                UseJitter = false,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, arguments.Context)),
                DelayGenerator = arguments => ValueTask.FromResult(RateLimitDelay(arguments.Outcome.Result)),
                OnRetry = arguments =>
                {
                    var reason = arguments.Outcome.Exception is { } exception
                        ? exception.GetType().Name
                        : $"HTTP {(int)arguments.Outcome.Result!.StatusCode}";
                    this.trace(
                        $"retry {arguments.AttemptNumber + 1} after {reason}, waiting "
                            + $"{arguments.RetryDelay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    public GitHubClientOptions Options => options;

    /// <summary>The clock and timers every wait of this client (and of its publisher's backoff) uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>The API path of the repository's releases, as the dry run prints it.</summary>
    public static string ReleasesPath(string repository) =>
        "/repos/" + string.Join('/', (repository ?? string.Empty).Split('/').Select(Uri.EscapeDataString)) + "/releases";

    /// <summary>GET /repos/{owner}/{repo}/releases (all pages; drafts are listed for users with push access).</summary>
    public async Task<ImmutableArray<GitHubRelease>> ListReleasesAsync(CancellationToken cancellationToken)
    {
        var releases = ImmutableArray.CreateBuilder<GitHubRelease>();
        for (var page = 1; ; page++)
        {
            var items = await GetJsonAsync(
                Api($"{repositoryPath}/releases?per_page=100&page={page}"),
                root => ReadArray(root, ReadRelease),
                cancellationToken).ConfigureAwait(false);
            releases.AddRange(items);
            if (items.Count < 100)
            {
                return releases.ToImmutable();
            }
        }
    }

    /// <summary>POST /repos/{owner}/{repo}/releases. Not retried on network errors or 5xx: re-list, then decide.</summary>
    public async Task<GitHubRelease> CreateReleaseAsync(
        string tag, string name, string body, bool draft, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["tag_name"] = tag, ["name"] = name, ["body"] = body, ["draft"] = draft, ["prerelease"] = false };
        return await SendJsonAsync(
            HttpMethod.Post,
            Api($"{repositoryPath}/releases"),
            payload,
            idempotent: false,
            ReadRelease,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PATCH /repos/{owner}/{repo}/releases/{id}: name, notes and draft state.</summary>
    public async Task<GitHubRelease> UpdateReleaseAsync(long id, string name, string body, bool draft, CancellationToken cancellationToken)
    {
        var payload = new JsonObject { ["name"] = name, ["body"] = body, ["draft"] = draft };
        return await SendJsonAsync(
            HttpMethod.Patch,
            Api($"{repositoryPath}/releases/{id.ToString(CultureInfo.InvariantCulture)}"),
            payload,
            idempotent: true,
            ReadRelease,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /repos/{owner}/{repo}/releases/{id}/assets (all pages).</summary>
    public async Task<ImmutableArray<ReleaseAsset>> ListAssetsAsync(long releaseId, CancellationToken cancellationToken)
    {
        var assets = ImmutableArray.CreateBuilder<ReleaseAsset>();
        for (var page = 1; ; page++)
        {
            var items = await GetJsonAsync(
                Api($"{repositoryPath}/releases/{releaseId.ToString(CultureInfo.InvariantCulture)}/assets?per_page=100&page={page}"),
                root => ReadArray(root, ReadAsset),
                cancellationToken).ConfigureAwait(false);
            assets.AddRange(items);
            if (items.Count < 100)
            {
                return assets.ToImmutable();
            }
        }
    }

    /// <summary>
    /// POST {upload_url}?name=NAME with the file as the body (the upload host the API named, e.g. uploads.github.com).
    /// Not retried on network errors or 5xx: the caller re-lists the assets and deletes a broken one.
    /// </summary>
    public async Task<ReleaseAsset> UploadAssetAsync(GitHubRelease release, string name, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var uri = UploadUri(release, name);
        using var response = await SendAsync(
            () =>
            {
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                var content = new StreamContent(stream);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.ContentLength = stream.Length;
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            idempotent: false,
            cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, ReadAsset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DELETE /repos/{owner}/{repo}/releases/{id} (a duplicate empty draft); a 404 (already gone) counts as done.</summary>
    public async Task DeleteReleaseAsync(long releaseId, CancellationToken cancellationToken)
    {
        var uri = Api($"{repositoryPath}/releases/{releaseId.ToString(CultureInfo.InvariantCulture)}");
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, uri), idempotent: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>DELETE /repos/{owner}/{repo}/releases/assets/{id}; a 404 (already gone) counts as done.</summary>
    public async Task DeleteAssetAsync(long assetId, CancellationToken cancellationToken)
    {
        var uri = Api($"{repositoryPath}/releases/assets/{assetId.ToString(CultureInfo.InvariantCulture)}");
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, uri), idempotent: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET /repos/{owner}/{repo}/releases/assets/{id} as application/octet-stream (following the redirect), hashed.</summary>
    public async Task<FileDigest> DownloadAssetDigestAsync(long assetId, CancellationToken cancellationToken)
    {
        var uri = Api($"{repositoryPath}/releases/assets/{assetId.ToString(CultureInfo.InvariantCulture)}");
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
                return request;
            },
            idempotent: true,
            cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await FileHasher.HashStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where an asset of <paramref name="release"/> is uploaded: its <c>upload_url</c> without the URI template, plus <c>?name=</c>.
    /// </summary>
    public static Uri UploadUri(GitHubRelease release, string name)
    {
        ArgumentNullException.ThrowIfNull(release);
        var template = release.UploadUrl;
        var brace = template.IndexOf('{', StringComparison.Ordinal);
        var basePart = brace < 0 ? template : template[..brace];
        return new Uri($"{basePart}?name={Uri.EscapeDataString(name)}");
    }

    public void Dispose() => http.Dispose();

    private Uri Api(string relative)
    {
        var root = options.ApiUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{root}/{relative}");
    }

    private async Task<T> GetJsonAsync<T>(Uri uri, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, uri), idempotent: true, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, read, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendJsonAsync<T>(
        HttpMethod method, Uri uri, JsonObject payload, bool idempotent, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var body = payload.ToJsonString();
        using var response = await SendAsync(
            () => new HttpRequestMessage(method, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            idempotent,
            cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a successful answer with <paramref name="read"/>. An answer that is not JSON, or not of the shape GitHub
    /// sends (a missing field, a string where a number belongs), is a <see cref="GitHubResponseException"/>.
    /// </summary>
    private static async Task<T> ReadJsonAsync<T>(
        HttpResponseMessage response, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var request = response.RequestMessage;
        var what = $"{request?.Method.Method ?? "?"} {request?.RequestUri?.AbsolutePath ?? "?"}";
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return read(document.RootElement);
            }
        }
        catch (JsonException exception)
        {
            throw new GitHubResponseException(what, $"not JSON ({exception.Message.Split(". ")[0].TrimEnd('.')})", exception);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new GitHubResponseException(what, "not the JSON GitHub sends (a field is missing or of another type)", exception);
        }
    }

    private static List<T> ReadArray<T>(JsonElement root, Func<JsonElement, T> read) =>
        root.ValueKind == JsonValueKind.Array
            ? [.. root.EnumerateArray().Select(read)]
            : throw new InvalidOperationException($"expected a JSON array, got {root.ValueKind}");

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool idempotent, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(IdempotentKey, idempotent);
        try
        {
            return await pipeline.ExecuteAsync(
                async resilience =>
                {
                    using var request = create();
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                    if (request.Headers.Accept.Count == 0)
                    {
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
                    }

                    trace($"{request.Method} {Describe(request.RequestUri!)}");
                    return await http.SendAsync(
                        request, HttpCompletionOption.ResponseHeadersRead, resilience.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException(
                $"the request timed out after {options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private string Describe(Uri uri) =>
        uri.GetLeftPart(UriPartial.Authority) == options.ApiUrl.GetLeftPart(UriPartial.Authority) ? uri.PathAndQuery : uri.AbsoluteUri;

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = response.ReasonPhrase ?? string.Empty;
        var codes = ImmutableArray<string>.Empty;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("not an object");
            }

            if (document.RootElement.TryGetProperty("message", out var value) && value.ValueKind == JsonValueKind.String)
            {
                message = value.GetString()!;
            }

            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                codes = [.. errors.EnumerateArray()
                    .Where(error => error.ValueKind == JsonValueKind.Object
                        && error.TryGetProperty("code", out var code)
                        && code.ValueKind == JsonValueKind.String)
                    .Select(error => error.GetProperty("code").GetString()!)];
            }
        }
        catch (JsonException)
        {
            // Not a JSON object (a proxy's error page): the status and reason say enough.
        }

        var request = response.RequestMessage;
        throw new GitHubApiException(
            (int)response.StatusCode, request?.Method.Method ?? "?", request?.RequestUri?.AbsolutePath ?? "?", message, codes);
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var idempotent = context.Properties.TryGetValue(IdempotentKey, out var value) && value;
        if (outcome.Exception is not null)
        {
            return idempotent && outcome.Exception is HttpRequestException or IOException
                || (idempotent && outcome.Exception is TaskCanceledException && !context.CancellationToken.IsCancellationRequested);
        }

        var response = outcome.Result!;
        if (IsRateLimited(response))
        {
            return true;
        }

        return idempotent && (int)response.StatusCode >= 500;
    }

    private static bool IsRateLimited(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!RateLimitStatuses.Contains(status))
        {
            return false;
        }

        return response.Headers.RetryAfter is not null
            || Header(response, "x-ratelimit-remaining") == "0"
            || response.StatusCode == HttpStatusCode.TooManyRequests;
    }

    private TimeSpan? RateLimitDelay(HttpResponseMessage? response)
    {
        if (response is null || !IsRateLimited(response))
        {
            return null;
        }

        TimeSpan? wait = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - Time.GetUtcNow() : null);
        }
        else if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - Time.GetUtcNow() + TimeSpan.FromSeconds(1);
        }

        if (wait is null)
        {
            return null;
        }

        var clamped = wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value;
        return clamped > options.MaxRetryAfter ? options.MaxRetryAfter : clamped;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static GitHubRelease ReadRelease(JsonElement element) => new(
        element.GetProperty("id").GetInt64(),
        element.GetProperty("tag_name").GetString() ?? string.Empty,
        element.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty,
        element.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString()! : string.Empty,
        element.TryGetProperty("draft", out var draft) && draft.ValueKind == JsonValueKind.True,
        element.GetProperty("upload_url").GetString() ?? string.Empty);

    private static ReleaseAsset ReadAsset(JsonElement element) => new(
        element.GetProperty("id").GetInt64(),
        element.GetProperty("name").GetString() ?? string.Empty,
        element.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String ? state.GetString()! : string.Empty,
        element.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : -1,
        element.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String ? digest.GetString() : null);
}
