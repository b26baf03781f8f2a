using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Distribution.Adapters.Http;

/// <summary>
/// Serves a folder read-only over HTTP/1.1 on 127.0.0.1 at a free port (GET and HEAD; one request per
/// connection). The bundle tests and the installer tests point install.sh at <see cref="BaseUrl"/>.
/// Paths outside the folder, hidden parts and anything but plain files are 404.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly string root;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private int requests;

    private StaticFileServer(string root)
    {
        this.root = Path.GetFullPath(root);
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(() => AcceptLoopAsync(stopping.Token));
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>How many requests were answered (any status), so tests can prove the server was used.</summary>
    public int Requests => Volatile.Read(ref requests);

    public static StaticFileServer Start(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"no folder to serve at '{root}'");
        }

        return new StaticFileServer(root);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                await using (stream.ConfigureAwait(false))
                {
                    var requestLine = await ReadHeadAsync(stream, cancellationToken).ConfigureAwait(false);
                    var parts = requestLine.Split(' ');
                    if (parts.Length < 2 || (parts[0] != "GET" && parts[0] != "HEAD"))
                    {
                        await RespondAsync(stream, 405, "Method Not Allowed", null, false, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    var file = Resolve(parts[1]);
                    await RespondAsync(
                        stream,
                        file is null ? 404 : 200,
                        file is null ? "Not Found" : "OK",
                        file,
                        parts[0] == "HEAD",
                        cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is IOException
                or SocketException
                or OperationCanceledException
                or ObjectDisposedException)
            {
                // The client went away or the server stops: nothing to answer.
            }
            finally
            {
                Interlocked.Increment(ref requests);
            }
        }
    }

    private string? Resolve(string target)
    {
        var path = target.Split('?', '#')[0];
        path = Uri.UnescapeDataString(path).TrimStart('/');
        var segments = path.Split('/');
        if (path.Length == 0
            || segments.Any(segment => segment.Length == 0 || segment.StartsWith('.') || segment.Contains('\\', StringComparison.Ordinal)))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, Path.Combine(segments)));
        var inside = full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(full) ? full : null;
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (head.Length < 16384)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            head.Append((char)buffer[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
            {
                break;
            }
        }

        var text = head.ToString();
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }

    private static async Task RespondAsync(
        NetworkStream stream, int status, string reason, string? file, bool headOnly, CancellationToken cancellationToken)
    {
        var length = file is null ? 0 : new FileInfo(file).Length;
        var header = $"HTTP/1.1 {status} {reason}\r\nContent-Length: "
            + $"{length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\nContent-Type: "
            + "application/octet-stream\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), cancellationToken).ConfigureAwait(false);
        if (file is not null && !headOnly)
        {
            var content = File.OpenRead(file);
            await using (content.ConfigureAwait(false))
            {
                await content.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
