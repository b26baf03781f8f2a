using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Distribution.Adapters.Git;

namespace Distribution.Integration.Tests.Sources;

/// <summary>
/// A real <c>git daemon</c> serving every repository under a folder on 127.0.0.1. The test holds the listening socket
/// (port 0: the OS picks a free port, so no other test can take it between choosing and binding) and starts one
/// <c>git daemon --inetd</c> per connection on it, as inetd would. <see cref="Stop"/> closes the socket and kills every
/// daemon it started, as a crashing server would.
/// </summary>
internal sealed class GitDaemon : IDisposable
{
    private readonly TcpListener listener;
    private readonly string basePath;
    private readonly ConcurrentDictionary<Process, TcpClient> connections = new();
    private readonly Task loop;
    private volatile bool stopped;

    private GitDaemon(string basePath)
    {
        this.basePath = basePath;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public bool IsRunning => !stopped;

    public string UrlOf(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static Task<GitDaemon> StartAsync(string basePath) => Task.FromResult(new GitDaemon(basePath));

    /// <summary>
    /// Stops listening and kills every daemon it started (with its upload-pack), as a crashing or restarted server would.
    /// </summary>
    public void Stop()
    {
        stopped = true;
        listener.Stop();
        foreach (var (process, client) in connections)
        {
            Kill(process);
            client.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopped)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        using (var process = Start())
        {
            connections[process] = client;
            if (stopped)
            {
                Kill(process);
            }

            try
            {
                var network = client.GetStream();
                var toDaemon = CopyThenCloseAsync(network, process.StandardInput.BaseStream);
                var fromDaemon = CopyThenCloseAsync(process.StandardOutput.BaseStream, network);
                await Task.WhenAll(toDaemon, fromDaemon);
            }
            catch (Exception exception) when (exception is IOException
                or ObjectDisposedException
                or SocketException
                or InvalidOperationException)
            {
                // The client or the daemon went away (or Stop killed it): the connection ends, as with a real server.
            }
            finally
            {
                connections.TryRemove(process, out _);
                Kill(process);
            }
        }
    }

    private static async Task CopyThenCloseAsync(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to);
        }
        finally
        {
            if (to is NetworkStream network)
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
            else
            {
                to.Dispose();
            }
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "daemon", "--inetd", "--export-all", "--base-path=" + basePath, "--informative-errors", basePath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in GitCli.PinnedEnvironment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
    }
}
