using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// A stand-in for the GitHub API on 127.0.0.1 (HttpListener): answers <c>GET /api/v3/repos/OWNER/REPO/pulls/N</c>
/// from a table, 404 for unknown numbers, or a fixed status for everything; records what it was asked.
/// </summary>
internal sealed class LoopbackGitHub : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    /// <param name="pullRequests">Known pull requests by request path.</param>
    /// <param name="failWith">A status to answer every request with.</param>
    /// <param name="body">A body to answer every request with (status 200), such as JSON that is not an object.</param>
    public LoopbackGitHub(IReadOnlyDictionary<string, (string Title, string Login)> pullRequests, HttpStatusCode? failWith = null, string? body = null)
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add(BaseUrl + "/");
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                Requests.Enqueue((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"] ?? string.Empty));
                var path = context.Request.Url.AbsolutePath;
                var status = failWith ?? (body is not null || pullRequests.ContainsKey(path) ? HttpStatusCode.OK : HttpStatusCode.NotFound);
                var answer = body ?? (status == HttpStatusCode.OK
                    ? $$"""{"number":1,"title":"{{pullRequests[path].Title}}","user":{"login":"{{pullRequests[path].Login}}","id":1},"state":"closed"}"""
                    : """{"message":"Not Found"}""");
                var bytes = Encoding.UTF8.GetBytes(answer);
                context.Response.StatusCode = (int)status;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public string BaseUrl { get; }

    public string ApiUrl => BaseUrl + "/api/v3";

    public ConcurrentQueue<(string Path, string Authorization)> Requests { get; } = new();

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
