using System.Diagnostics;
using System.Text;

namespace Distribution.Integration.Tests;

/// <summary>
/// A child process started by <see cref="CliProcess"/>, its output collected line by line as it comes (a test can
/// wait for a line), and a test may kill it by its process id.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> waiters = [];

    public RunningCli(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, line) => Receive(line.Data, output, outputClosed);
        process.ErrorDataReceived += (_, line) => Receive(line.Data, error, errorClosed);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Exited = process.WaitForExitAsync();
    }

    public int Id => process.Id;

    /// <summary>Completes when the process has ended.</summary>
    public Task Exited { get; }

    /// <summary>Completes when a line of standard output matches (also for a line that came before the call).</summary>
    public Task WhenOutput(Func<string, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.ToString().Split('\n').Any(match))
            {
                seen.SetResult();
            }
            else
            {
                waiters.Add((match, seen));
            }
        }

        return seen.Task;
    }

    /// <summary>
    /// Kills the process from outside (SIGKILL on Unix) by its id, as an
    /// operator or the OOM killer would; a process already gone is left alone.
    /// </summary>
    public void KillById()
    {
        try
        {
            using var target = Process.GetProcessById(Id);
            target.Kill();
        }
        catch (ArgumentException)
        {
            // It has exited already.
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        await Task.WhenAll(outputClosed.Task, errorClosed.Task).WaitAsync(cancel.Token);
        lock (output)
        {
            lock (error)
            {
                return (process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private void Receive(string? line, StringBuilder text, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (text)
        {
            text.Append(line).Append('\n');
            if (ReferenceEquals(text, output))
            {
                foreach (var waiter in waiters.Where(waiter => waiter.Match(line)).ToList())
                {
                    waiter.Seen.TrySetResult();
                    waiters.Remove(waiter);
                }
            }
        }
    }
}
