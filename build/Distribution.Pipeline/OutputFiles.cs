using Distribution.Adapters.Files;
using Distribution.Core.Diagnostics;

namespace Distribution.Pipeline;

/// <summary>
/// Files a user names on the command line for a report (--report, --timings, --output):
/// written atomically, and a path that cannot be written is a user error, not a crash.
/// </summary>
public static class OutputFiles
{
    public const string UnwritableCode = DiagnosticCodes.Tool.OutputUnwritable;

    public static async Task WriteAllTextAsync(string path, string text, string option, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw UserErrorException.Of(
                UnwritableCode,
                $"cannot write {option} {path}: {exception.Message}",
                $"give {option} a file path in a folder you can write to");
        }
    }
}
