using System.Diagnostics;
using System.Text;

namespace Distribution.Adapters.Processes;

/// <summary>Runs child processes asynchronously, capturing their output; cancellation kills the whole process tree.</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunCoreAsync(
            spec, (process, token) => process.StandardOutput.ReadToEndAsync(token), cancellationToken).ConfigureAwait(false);
        return new ProcessResult(exitCode, output, error);
    }

    /// <summary>Runs the process and keeps its standard output as bytes: for output that is not text (git cat-file --batch).</summary>
    public static async Task<BinaryProcessResult> RunBinaryAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunCoreAsync(
            spec,
            async (process, token) =>
            {
                using var buffer = new MemoryStream();
                await process.StandardOutput.BaseStream.CopyToAsync(buffer, token).ConfigureAwait(false);
                return new ReadOnlyMemory<byte>(buffer.ToArray());
            },
            cancellationToken).ConfigureAwait(false);
        return new BinaryProcessResult(exitCode, output, error);
    }

    private static async Task<(int ExitCode, T Output, string Error)> RunCoreAsync<T>(
        ProcessSpec spec, Func<Process, CancellationToken, Task<T>> readOutput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var start = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in spec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (spec.WorkingDirectory is not null)
        {
            start.WorkingDirectory = spec.WorkingDirectory;
        }

        foreach (var (name, value) in spec.Environment)
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

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new ProgramNotFoundException(spec.FileName, exception);
        }

        var output = readOutput(process, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (spec.StandardInput is { } input)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        catch (IOException) when (process.HasExited)
        {
            // The child closed standard input early: its exit code tells what happened.
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
