using System.Diagnostics;

namespace Distribution.Integration.Tests;

/// <summary>A child process started by <see cref="CliProcess"/>, its output read as it comes; a test may kill it by pid.</summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    public RunningCli(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
        Exited = process.WaitForExitAsync();
    }

    public int Id => process.Id;

    /// <summary>Completes when the process has ended.</summary>
    public Task Exited { get; }

    /// <summary>Kills the process from outside (SIGKILL on Unix) by its id, as an operator or the OOM killer would; a process already gone is left alone.</summary>
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
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
