using System.Net;
using System.Net.Sockets;

namespace Distribution.Integration.Tests.Sources;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of a server: it forwards everything, and once the server has sent
/// <c>budget</c> bytes to the client it calls <c>onCut</c> (the test stops the server there) and closes both
/// connections. That puts the stop at a known point in the middle of a transfer, with no timing involved.
/// <see cref="Retarget"/> puts another server (or budget) behind the same port.
/// </summary>
internal sealed class CuttingProxy : IDisposable
{
    private readonly TcpListener listener;
    private int target;
    private long budget;
    private Action onCut;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long sent;

    public CuttingProxy(int target, long budget, Action onCut)
    {
        this.target = target;
        this.budget = budget;
        this.onCut = onCut;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>
    /// Relays new connections to another server port with a new budget, keeping this proxy's port: the client's URL
    /// (and so its mirror) stays the same while the server behind it is restarted.
    /// </summary>
    public void Retarget(int newTarget, long newBudget, Action newOnCut)
    {
        target = newTarget;
        budget = newBudget;
        onCut = newOnCut;
        sent = 0;
        Cut = false;
    }

    /// <summary>True once the budget was used up and the connection cut.</summary>
    public bool Cut { get; private set; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Stopped while accepting.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(IPAddress.Loopback, target);
            var toServer = client.GetStream().CopyToAsync(server.GetStream(), stop.Token);
            var buffer = new byte[8192];
            var fromServer = server.GetStream();
            var toClient = client.GetStream();
            try
            {
                int read;
                while ((read = await fromServer.ReadAsync(buffer, stop.Token)) > 0)
                {
                    var allowed = (int)Math.Min(read, budget - sent);
                    await toClient.WriteAsync(buffer.AsMemory(0, allowed), stop.Token);
                    sent += allowed;
                    if (sent >= budget)
                    {
                        Cut = true;
                        onCut();
                        break;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // A side closed: nothing more to relay.
            }

            client.Client.Close(0);
            server.Client.Close(0);
            try
            {
                await toServer;
            }
            catch (Exception exception) when (exception is IOException
                or SocketException
                or OperationCanceledException
                or ObjectDisposedException)
            {
                // Closed above.
            }
        }
    }
}
