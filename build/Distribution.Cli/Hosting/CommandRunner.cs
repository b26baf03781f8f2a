using Distribution.Adapters.Processes;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Hosting;

/// <summary>
/// Runs a command's body and turns its outcome into the exit codes users and CI rely on:
/// 0 ok, 1 user error (diagnostics printed), 2 unexpected (a bug: one line, the detail with PROVISIONING_DIST_DEBUG=1).
/// </summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int UserError = 1;
    public const int Unexpected = 2;

    public static async Task<int> RunAsync(CliContext context, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException exception)
        {
            foreach (var diagnostic in exception.Diagnostics)
            {
                context.Reporter.Report(diagnostic);
            }

            return exception.Diagnostics.Any(diagnostic => diagnostic.IsError) ? UserError : Ok;
        }
        catch (ProgramNotFoundException exception)
        {
            context.Reporter.Report(Diagnostic.Error(
                DiagnosticCodes.Tool.ProgramMissing,
                $"'{exception.Program}' is not installed or not on PATH",
                $"install {exception.Program} and run again"));
            return UserError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Reporter.Report(Diagnostic.Error(
                DiagnosticCodes.Tool.Cancelled, "cancelled", "run the command again; every step resumes where it stopped"));
            return UserError;
        }
#pragma warning disable CA1031 // The last line of defence: anything else is a bug, reported in one line with exit code 2.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var detail = Environment.GetEnvironmentVariable("PROVISIONING_DIST_DEBUG") == "1"
                ? exception.ToString()
                : $"{exception.GetType().Name}: {exception.Message}";
            context.Reporter.Report(Diagnostic.Error(
                DiagnosticCodes.Tool.Unexpected,
                $"unexpected failure: {detail}",
                "this is a bug in provisioning-dist; run again with PROVISIONING_DIST_DEBUG=1 and report the output"));
            return Unexpected;
        }
    }
}
