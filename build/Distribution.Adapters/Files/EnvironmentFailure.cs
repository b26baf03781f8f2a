using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Files;

/// <summary>
/// Failures of the machine rather than of the program: a full disk or quota, a read-only file system, a path this
/// user may not write. They are user errors (exit code 1) naming the path (the exception's message carries it) and
/// what to free or fix, not "unexpected failure" (2).
/// </summary>
public static class EnvironmentFailure
{
    // errno on Linux and macOS (IOException.HResult is the raw errno there); HRESULTs of the Win32 errors on Windows.
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;
    private const int QuotaLinux = 122;
    private const int QuotaMac = 69;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsWriteProtect = unchecked((int)0x80070013);

    /// <summary>The diagnostic for <paramref name="exception"/> (or an exception inside it), or null when it is not one of these.</summary>
    public static Diagnostic? Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var found = current switch
            {
                UnauthorizedAccessException denied => Diagnostic.Error(
                    DiagnosticCodes.Tool.EnvironmentFailure,
                    $"permission denied: {denied.Message}",
                    "give this user write access to that folder (or choose another one) and run again"),
                IOException io when io.HResult is NoSpace or QuotaLinux or QuotaMac or WindowsDiskFull or WindowsHandleDiskFull =>
                    Diagnostic.Error(
                    DiagnosticCodes.Tool.EnvironmentFailure,
                    $"the disk is full: {io.Message}",
                    "free space on that file system (or point PROVISIONING_DIST_CACHE, --output or --registry at another one) "
                        + "and run again; every step resumes"),
                IOException io when io.HResult is ReadOnlyFileSystem or WindowsWriteProtect => Diagnostic.Error(
                    DiagnosticCodes.Tool.EnvironmentFailure,
                    $"the file system is read-only: {io.Message}",
                    "write to a folder on a writable file system (or remount it read-write) and run again"),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
