using System.Globalization;
using Distribution.Adapters.Files;
using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Builds;

/// <summary>
/// The locks that let two CreateBundle or AssembleBundle runs share one clone: one per bundle or shard folder
/// (<c>.NAME.lock</c> beside the folder, so that the folder holds only the bundle), one per build-cache entry
/// (<c>packages/KEY.lock</c>), and one per generated sample and mirror while it is made or updated. A second run
/// waits, saying once which process holds the lock, and gives up with PKG051 after <see cref="Timeout"/>. The same
/// file lock as publish's (<see cref="FileLock"/>).
/// </summary>
public static class OutputLock
{
    /// <summary>How long a run waits for another: longer than any build of one component and target should take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(60);

    public static string PathOf(string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Path.Combine(Path.GetDirectoryName(full) ?? full, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Locks the bundle or shard folder <paramref name="folder"/> (shown as <paramref name="display"/>) for this run.</summary>
    public static Task<FileLock> FolderAsync(string folder, string display, Action<string> log, CancellationToken cancellationToken) =>
        AcquireAsync(
            PathOf(folder), display, "give this run another --output (or --shard-out)", log, cancellationToken);

    /// <summary>Locks the build-cache entry <paramref name="entryPath"/> (<c>packages/KEY/NAME</c>) while it is used.</summary>
    public static Task<FileLock> CacheEntryAsync(string entryPath, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(entryPath))!;
        return AcquireAsync(
            folder + ".lock",
            $"the build-cache entry {Path.GetFileName(entryPath)}",
            "or give this run another cache (PROVISIONING_DIST_CACHE)",
            log,
            cancellationToken);
    }

    /// <summary>
    /// Locks a shared part of the cache at <paramref name="path"/> (a generated sample, a mirror) while it is created,
    /// updated or replaced: <c>PATH.lock</c> beside it.
    /// </summary>
    public static Task<FileLock> CachedRepositoryAsync(string path, CancellationToken cancellationToken) =>
        AcquireAsync(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + ".lock",
            $"the repository {Path.GetFileName(Path.TrimEndingDirectorySeparator(path))} in the cache",
            "or give this run another cache (PROVISIONING_DIST_CACHE)",
            _ => { },
            cancellationToken);

    private static Task<FileLock> AcquireAsync(
        string path, string what, string alternative, Action<string> log, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(
            path,
            Timeout,
            recordHolder: true,
            holder => log($"waiting: another run ({holder ?? "its process is not recorded"}) is writing {what} (lock {path})"),
            (holder, exception) => UserErrorException.At(
                SourceLocation.InFile(path),
                DiagnosticCodes.Packaging.OutputLocked,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"another run ({holder ?? "its process is not recorded"}) still holds {what} "
                        + $"after {Timeout.TotalMinutes} minutes ({exception.Message})"),
                $"wait for it to finish, or end it if it hangs; {alternative}"),
            cancellationToken);
}
