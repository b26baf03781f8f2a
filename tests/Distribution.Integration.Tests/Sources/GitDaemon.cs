using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Distribution.Adapters.Git;

namespace Distribution.Integration.Tests.Sources;

/// <summary>A real <c>git daemon</c> serving every repository under a folder on 127.0.0.1 at a free port; stopped (with its children) on dispose.</summary>
internal sealed class GitDaemon : IDisposable
{
    private readonly Process process;

    private GitDaemon(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning => !process.HasExited;

    public string UrlOf(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "daemon", "--export-all", "--base-path=" + basePath, "--listen=127.0.0.1", "--port=" + port, "--reuseaddr", "--informative-errors", basePath })
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
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var daemon = new GitDaemon(process, port);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return daemon;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        daemon.Dispose();
        throw new InvalidOperationException($"git daemon did not listen on port {port}");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the daemon and every upload-pack it started, as a crashing or restarted server would.</summary>
    public void Stop()
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

    public void Dispose()
    {
        Stop();
        process.Dispose();
    }
}
