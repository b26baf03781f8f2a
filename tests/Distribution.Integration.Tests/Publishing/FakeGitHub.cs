using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>
/// The tests' one in-process stand-in for the GitHub REST API on 127.0.0.1 (Kestrel, every port chosen by the OS),
/// keeping state like the real one: releases with tag, name, body and draft flag; assets with state, size, digest and
/// bytes; pull requests of any repository (<see cref="AddPullRequest"/>), read by the release notes. Like
/// GitHub, any number of drafts may share a tag, and 422 already_exists on create (or on publishing a draft) only
/// comes when a published release has the tag. The API
/// lives under <c>/api/v3</c> on one port (as GitHub Enterprise), uploads under <c>/uploads</c> on another port
/// (the <c>upload_url</c> it hands out), downloads redirect to a third path. Faults are queued by tests and
/// consumed by the first matching request.
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string Token = "ghp_FakeTokenThatMustNeverBePrinted0123456789";
    public const string Owner = "acme";
    public const string Name = "provisioning";

    private readonly WebApplication app;
    private readonly object gate = new();
    private readonly List<FakeRelease> releases = [];
    private readonly List<Fault> faults = [];
    private readonly List<(string Line, string Authorization)> requests = [];
    private readonly Dictionary<string, (string Title, string Login)> pullRequests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TaskCompletionSource Half, TaskCompletionSource<bool> Gone)> pauses = new(StringComparer.Ordinal);
    private long nextId = 100;

    private FakeGitHub(WebApplication app) => this.app = app;

    public enum FaultKind
    {
        /// <summary>Answer 500 without doing anything.</summary>
        ServerError,

        /// <summary>Answer 403 with retry-after: <see cref="RetryAfterSeconds"/> (a secondary rate limit) without doing anything.</summary>
        RetryAfter,

        /// <summary>
        /// Answer 403 with x-ratelimit-remaining: 0 and x-ratelimit-reset = <see cref="RateLimitResetAt"/> (now + 1 s by default).
        /// </summary>
        RateLimitReset,

        /// <summary>Upload: read half of the body, leave an asset in state "starter", drop the connection.</summary>
        DropMidUpload,

        /// <summary>Carry the request out, then drop the connection before answering (a lost response).</summary>
        DropAfterDoing,

        /// <summary>Answer 422 Validation Failed with code <c>invalid</c> (not already_exists), without doing anything.</summary>
        ValidationFailed,

        /// <summary>Answer 200 with an HTML page (a proxy or a wrong GITHUB_API_URL), without doing anything.</summary>
        NotJson,

        /// <summary>Answer 200 with JSON that is not what GitHub sends (an object with a string id), without doing anything.</summary>
        WrongShape,

        /// <summary>Answer 404 with a JSON array as the error body, without doing anything.</summary>
        ErrorWithArrayBody,

        /// <summary>
        /// Answer 200 with the body given to <see cref="InjectBody"/> (JSON of another shape, or no JSON), without doing anything.
        /// </summary>
        CustomBody,

        /// <summary>
        /// Listing: answer as if nothing were there (a stale read). The next create then meets 422 already_exists
        /// when a published release has the tag, or makes one more draft with the same tag (as GitHub does).
        /// </summary>
        StaleEmptyList,
    }

    public string Repository => $"{Owner}/{Name}";

    /// <summary>The server's root, <c>http://127.0.0.1:PORT</c>: web URLs of repositories on this host start with it.</summary>
    public string BaseUrl => ApiUrl.GetLeftPart(UriPartial.Authority);

    public Uri ApiUrl { get; private set; } = null!;

    public string UploadRoot { get; private set; } = null!;

    /// <summary>The <c>retry-after</c> a <see cref="FaultKind.RetryAfter"/> fault sends, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The <c>x-ratelimit-reset</c> a <see cref="FaultKind.RateLimitReset"/> fault sends (default: now + 1 s).</summary>
    public DateTimeOffset? RateLimitResetAt { get; set; }

    /// <summary>Whether assets report their <c>digest</c> (GitHub does since 2025; older servers do not).</summary>
    public bool ReportDigests { get; set; } = true;

    public int Requests
    {
        get
        {
            lock (gate)
            {
                return requests.Count;
            }
        }
    }

    public IReadOnlyList<string> RequestLog
    {
        get
        {
            lock (gate)
            {
                return [.. requests.Select(request => request.Line)];
            }
        }
    }

    /// <summary>The <c>Authorization</c> header of every request, in order (empty where none was sent).</summary>
    public IReadOnlyList<string> Authorizations
    {
        get
        {
            lock (gate)
            {
                return [.. requests.Select(request => request.Authorization)];
            }
        }
    }

    /// <summary>Faults queued and not yet met by a request (a test checks its fault really happened).</summary>
    public int PendingFaults
    {
        get
        {
            lock (gate)
            {
                return faults.Count(fault => !fault.Always);
            }
        }
    }

    public int MutatingRequests => RequestLog.Count(line => !line.StartsWith("GET ", StringComparison.Ordinal));

    public static async Task<FakeGitHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var fake = new FakeGitHub(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        fake.ApiUrl = new Uri(addresses[0].TrimEnd('/') + "/api/v3");
        fake.UploadRoot = addresses[1].TrimEnd('/') + "/uploads";
        return fake;
    }

    /// <summary>
    /// Queues a fault for the first request whose "METHOD path" contains <paramref name="match"/>, after
    /// <paramref name="skip"/> such requests have been answered normally.
    /// </summary>
    public void Inject(FaultKind kind, string method, string match, int times = 1, int skip = 0)
    {
        lock (gate)
        {
            for (var i = 0; i < times; i++)
            {
                faults.Add(new Fault(kind, method, match) { Skip = skip });
            }
        }
    }

    /// <summary>
    /// Answers every request whose "METHOD path" contains <paramref name="match"/> with <paramref name="kind"/> from now on
    /// (an API that is down, or a proxy in front of it); <paramref name="body"/> is what <see cref="FaultKind.CustomBody"/> sends.
    /// </summary>
    public void InjectAlways(FaultKind kind, string method, string match, string? body = null)
    {
        lock (gate)
        {
            faults.Add(new Fault(kind, method, match) { Always = true, Body = body });
        }
    }

    /// <summary>
    /// A pull request of <paramref name="repository"/> (<c>OWNER/NAME</c>,
    /// any repository), as <c>GET /repos/OWNER/NAME/pulls/N</c> answers it.
    /// </summary>
    public void AddPullRequest(string repository, int number, string title, string login)
    {
        lock (gate)
        {
            pullRequests[$"/api/v3/repos/{repository}/pulls/{number.ToString(CultureInfo.InvariantCulture)}"] = (title, login);
        }
    }

    /// <summary>
    /// Arms a pause for the next upload of <paramref name="name"/>: once half of its body has arrived
    /// <c>HalfArrived</c> completes, and the request is held (nothing more is read) until the client goes away — a test
    /// kills it then — or 30 s pass. Like GitHub, the asset is then left in state <c>starter</c>, and <c>Abandoned</c>
    /// completes: true when the client went away, false when the fake gave up waiting.
    /// </summary>
    public (Task HalfArrived, Task<bool> Abandoned) PauseUpload(string name)
    {
        var half = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            pauses[name] = (half, gone);
        }

        return (half.Task, gone.Task);
    }

    public FakeRelease AddRelease(string tag, bool draft, string body = "")
    {
        lock (gate)
        {
            var release = new FakeRelease(nextId++, tag) { Name = tag, Body = body, Draft = draft };
            releases.Add(release);
            return release;
        }
    }

    public FakeAsset AddAsset(FakeRelease release, string name, byte[] bytes, string state = "uploaded", long? size = null)
    {
        lock (gate)
        {
            var asset = new FakeAsset(nextId++, name, state, size ?? bytes.Length, bytes);
            release.Assets.Add(asset);
            return asset;
        }
    }

    /// <summary>The state as one comparable text: releases by tag with draft flag, name, body digest and assets.</summary>
    public string Describe()
    {
        lock (gate)
        {
            return string.Join('\n', releases.OrderBy(release => release.Tag, StringComparer.Ordinal).Select(release =>
                $"release {release.Tag} draft={release.Draft} name={release.Name} "
                    + $"body={SyntheticBundle.Sha256(System.Text.Encoding.UTF8.GetBytes(release.Body))[..12]}\n"
                + string.Join('\n', release.Assets.OrderBy(asset => asset.Name, StringComparer.Ordinal).Select(asset =>
                    // A signature has other bytes at every signing: the tests check it against the registry's.
                    asset.Name.EndsWith(".sig", StringComparison.Ordinal)
                        ? $"  {asset.Name} {asset.State} (signature)"
                        : $"  {asset.Name} {asset.State} {asset.Size} {asset.Sha256}"))));
        }
    }

    public IReadOnlyList<FakeRelease> Releases
    {
        get
        {
            lock (gate)
            {
                return [.. releases];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var line = $"{request.Method} {path}{request.QueryString}";
        lock (gate)
        {
            requests.Add((line, request.Headers.Authorization.ToString()));
        }

        if (path.StartsWith("/download/", StringComparison.Ordinal))
        {
            // The storage host a download redirects to: no token needed (and none must be sent).
            var asset = FindAsset(long.Parse(path["/download/".Length..], CultureInfo.InvariantCulture));
            if (asset is null || request.Headers.Authorization.Count > 0)
            {
                context.Response.StatusCode = asset is null ? 404 : 400;
                return;
            }

            await context.Response.Body.WriteAsync(asset.Bytes);
            return;
        }

        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await Json(context, 401, new JsonObject { ["message"] = "Bad credentials" });
            return;
        }

        var (fault, faultBody) = TakeFault(request.Method, line);
        switch (fault)
        {
            case FaultKind.CustomBody:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(faultBody ?? string.Empty);
                return;
            case FaultKind.ServerError:
                await Json(context, 500, new JsonObject { ["message"] = "Server Error" });
                return;
            case FaultKind.RetryAfter:
                context.Response.Headers["retry-after"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Json(context, 403, new JsonObject { ["message"] = "You have exceeded a secondary rate limit." });
                return;
            case FaultKind.ValidationFailed:
                await Json(context, 422, new JsonObject
                {
                    ["message"] = "Validation Failed",
                    ["errors"] = new JsonArray(new JsonObject
                    {
                        ["resource"] = "Release",
                        ["code"] = "invalid",
                        ["field"] = "target_commitish"
                    }),
                });
                return;
            case FaultKind.NotJson:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Sign in to continue</body></html>");
                return;
            case FaultKind.WrongShape:
                await Json(context, 200, new JsonObject { ["id"] = "not a number", ["message"] = "ok" });
                return;
            case FaultKind.ErrorWithArrayBody:
                await Json(context, 404, new JsonArray("Not Found"));
                return;
            case FaultKind.RateLimitReset:
                context.Response.Headers["x-ratelimit-remaining"] = "0";
                context.Response.Headers["x-ratelimit-reset"] = (RateLimitResetAt
                    ?? DateTimeOffset.UtcNow.AddSeconds(1)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                await Json(context, 403, new JsonObject { ["message"] = "API rate limit exceeded" });
                return;
        }

        if (request.Method == "GET" && path.Contains("/pulls/", StringComparison.Ordinal))
        {
            await PullRequestAsync(context, path);
            return;
        }

        var api = $"/api/v3/repos/{Owner}/{Name}/releases";
        var uploads = $"/uploads/repos/{Owner}/{Name}/releases/";
        var segments = path.StartsWith(api, StringComparison.Ordinal)
            ? path[api.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries)
            : null;
        if (path.StartsWith(uploads, StringComparison.Ordinal) && request.Method == "POST")
        {
            await UploadAsync(context, long.Parse(path[uploads.Length..].Split('/')[0], CultureInfo.InvariantCulture), fault);
            return;
        }

        if (segments is null)
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        switch (request.Method, segments.Length)
        {
            case ("GET", 0):
                await Json(
                    context,
                    200,
                    fault == FaultKind.StaleEmptyList || Page(request) > 1
                        ? new JsonArray()
                        : new JsonArray([.. Snapshot().Select(ReleaseJson)]));
                return;
            case ("POST", 0):
                await CreateReleaseAsync(context, fault);
                return;
            case ("PATCH", 1):
                await UpdateReleaseAsync(context, long.Parse(segments[0], CultureInfo.InvariantCulture), fault);
                return;
            case ("DELETE", 1) when segments[0] != "assets":
                var releaseId = long.Parse(segments[0], CultureInfo.InvariantCulture);
                bool deleted;
                lock (gate)
                {
                    deleted = releases.RemoveAll(item => item.Id == releaseId) > 0;
                }

                if (fault == FaultKind.DropAfterDoing)
                {
                    context.Abort();
                    return;
                }

                context.Response.StatusCode = deleted ? 204 : 404;
                return;
            case ("GET", 2) when segments[1] == "assets":
                var release = FindRelease(long.Parse(segments[0], CultureInfo.InvariantCulture));
                if (release is null)
                {
                    await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
                    return;
                }

                FakeAsset[] assets;
                lock (gate)
                {
                    assets = [.. release.Assets];
                }

                await Json(
                    context,
                    200,
                    fault == FaultKind.StaleEmptyList || Page(request) > 1
                        ? new JsonArray()
                        : new JsonArray([.. assets.Select(AssetJson)]));
                return;
            case ("DELETE", 2) when segments[0] == "assets":
                var id = long.Parse(segments[1], CultureInfo.InvariantCulture);
                bool removed;
                lock (gate)
                {
                    removed = releases.Any(item => item.Assets.RemoveAll(asset => asset.Id == id) > 0);
                }

                if (fault == FaultKind.DropAfterDoing)
                {
                    context.Abort();
                    return;
                }

                context.Response.StatusCode = removed ? 204 : 404;
                return;
            case ("GET", 2) when segments[0] == "assets":
                var found = FindAsset(long.Parse(segments[1], CultureInfo.InvariantCulture));
                if (found is null)
                {
                    await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
                    return;
                }

                if (request.Headers.Accept.ToString().Contains("application/octet-stream", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 302;
                    context.Response.Headers.Location = $"{UploadRoot.Replace("/uploads", string.Empty, StringComparison.Ordinal)}"
                        + $"/download/{found.Id}";
                    return;
                }

                await Json(context, 200, AssetJson(found));
                return;
            default:
                await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
                return;
        }
    }

    private async Task CreateReleaseAsync(HttpContext context, FaultKind? fault)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        var tag = body["tag_name"]!.GetValue<string>();
        FakeRelease release;
        lock (gate)
        {
            // Like GitHub: any number of drafts may carry a tag; only a published release owns it.
            if (releases.Any(item => item.Tag == tag && !item.Draft))
            {
                release = null!;
            }
            else
            {
                release = new FakeRelease(nextId++, tag)
                {
                    Name = body["name"]?.GetValue<string>() ?? tag,
                    Body = body["body"]?.GetValue<string>() ?? string.Empty,
                    Draft = body["draft"]?.GetValue<bool>() ?? false,
                };
                releases.Add(release);
            }
        }

        if (release is null)
        {
            await AlreadyExists(context, "Release", "tag_name");
            return;
        }

        if (fault == FaultKind.DropAfterDoing)
        {
            context.Abort();
            return;
        }

        await Json(context, 201, ReleaseJson(release));
    }

    private async Task UpdateReleaseAsync(HttpContext context, long id, FaultKind? fault)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!.AsObject();
        var release = FindRelease(id);
        if (release is null)
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        bool taken;
        lock (gate)
        {
            var draft = body["draft"]?.GetValue<bool>() ?? release.Draft;
            taken = !draft && releases.Any(item => item.Id != release.Id && item.Tag == release.Tag && !item.Draft);
            if (!taken)
            {
                release.Name = body["name"]?.GetValue<string>() ?? release.Name;
                release.Body = body["body"]?.GetValue<string>() ?? release.Body;
                release.Draft = draft;
            }
        }

        if (taken)
        {
            await AlreadyExists(context, "Release", "tag_name");
            return;
        }

        if (fault == FaultKind.DropAfterDoing)
        {
            context.Abort();
            return;
        }

        await Json(context, 200, ReleaseJson(release));
    }

    private async Task UploadAsync(HttpContext context, long releaseId, FaultKind? fault)
    {
        var release = FindRelease(releaseId);
        var name = context.Request.Query["name"].ToString();
        if (release is null || name.Length == 0)
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        lock (gate)
        {
            if (release.Assets.Any(asset => asset.Name == name))
            {
                release = null;
            }
        }

        if (release is null)
        {
            await AlreadyExists(context, "ReleaseAsset", "name");
            return;
        }

        var length = context.Request.ContentLength ?? 0;
        bool paused;
        (TaskCompletionSource Half, TaskCompletionSource<bool> Gone) pause;
        lock (gate)
        {
            paused = pauses.Remove(name, out pause);
        }

        if (paused)
        {
            var half = new byte[Math.Max(1, length / 2)];
            await context.Request.Body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false);
            pause.Half.TrySetResult();
            var clientGone = false;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client went away with half of the body sent.
                clientGone = true;
            }

            AddAsset(release, name, half, state: "starter", size: 0);
            context.Abort();
            pause.Gone.TrySetResult(clientGone);
            return;
        }

        if (fault == FaultKind.DropMidUpload)
        {
            var half = new byte[Math.Max(1, length / 2)];
            await context.Request.Body.ReadAtLeastAsync(half, half.Length, throwOnEndOfStream: false);
            AddAsset(release, name, half, state: "starter", size: 0);
            context.Abort();
            return;
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer);
        }
        catch (Exception exception) when (exception is IOException
            or OperationCanceledException
            or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The client went away mid-upload (killed, network cut): like GitHub, keep a broken "starter" asset.
            AddAsset(release, name, buffer.ToArray(), state: "starter", size: 0);
            return;
        }

        var asset = AddAsset(release, name, buffer.ToArray());
        if (fault == FaultKind.DropAfterDoing)
        {
            context.Abort();
            return;
        }

        await Json(context, 201, AssetJson(asset));
    }

    private async Task PullRequestAsync(HttpContext context, string path)
    {
        (string Title, string Login) found;
        bool known;
        lock (gate)
        {
            known = pullRequests.TryGetValue(path, out found);
        }

        if (!known)
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        var number = int.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        await Json(context, 200, new JsonObject
        {
            ["number"] = number,
            ["title"] = found.Title,
            ["user"] = new JsonObject { ["login"] = found.Login, ["id"] = 1 },
            ["state"] = "closed",
        });
    }

    private static Task AlreadyExists(HttpContext context, string resource, string field) =>
        Json(context, 422, new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = "already_exists", ["field"] = field }),
        });

    private static int Page(HttpRequest request) =>
        int.TryParse(request.Query["page"].ToString(), CultureInfo.InvariantCulture, out var page) ? page : 1;

    private (FaultKind? Kind, string? Body) TakeFault(string method, string line)
    {
        lock (gate)
        {
            var matching = faults.Where(item => item.Method == method && line.Contains(item.Match, StringComparison.Ordinal)).ToList();
            var fault = matching.FirstOrDefault(item => item.Skip == 0);
            foreach (var waiting in matching.Where(item => item.Skip > 0))
            {
                waiting.Skip--;
            }

            if (fault is null)
            {
                return (null, null);
            }

            if (!fault.Always)
            {
                faults.Remove(fault);
            }

            return (fault.Kind, fault.Body);
        }
    }

    private List<FakeRelease> Snapshot()
    {
        lock (gate)
        {
            return [.. releases];
        }
    }

    private FakeRelease? FindRelease(long id)
    {
        lock (gate)
        {
            return releases.FirstOrDefault(release => release.Id == id);
        }
    }

    private FakeAsset? FindAsset(long id)
    {
        lock (gate)
        {
            return releases.SelectMany(release => release.Assets).FirstOrDefault(asset => asset.Id == id);
        }
    }

    private JsonObject ReleaseJson(FakeRelease release)
    {
        lock (gate)
        {
            return new JsonObject
            {
                ["id"] = release.Id,
                ["tag_name"] = release.Tag,
                ["name"] = release.Name,
                ["body"] = release.Body,
                ["draft"] = release.Draft,
                ["prerelease"] = false,
                ["upload_url"] = $"{UploadRoot}/repos/{Owner}/{Name}/releases/{release.Id}/assets{{?name,label}}",
                ["assets"] = new JsonArray([.. release.Assets.Select(AssetJson)]),
            };
        }
    }

    private JsonObject AssetJson(FakeAsset asset) => new()
    {
        ["id"] = asset.Id,
        ["name"] = asset.Name,
        ["state"] = asset.State,
        ["size"] = asset.Size,
        ["digest"] = ReportDigests && asset.State == "uploaded" ? $"sha256:{asset.Sha256}" : null,
        ["content_type"] = "application/octet-stream",
    };

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    public sealed class FakeRelease(long id, string tag)
    {
        public long Id { get; } = id;

        public string Tag { get; } = tag;

        public string Name { get; set; } = string.Empty;

        public string Body { get; set; } = string.Empty;

        public bool Draft { get; set; }

        public List<FakeAsset> Assets { get; } = [];
    }

    public sealed record FakeAsset(long Id, string Name, string State, long Size, byte[] Bytes)
    {
        public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    private sealed record Fault(FaultKind Kind, string Method, string Match)
    {
        public int Skip { get; set; }

        /// <summary>Met by every matching request, never used up (<see cref="InjectAlways"/>).</summary>
        public bool Always { get; init; }

        public string? Body { get; init; }
    }
}
