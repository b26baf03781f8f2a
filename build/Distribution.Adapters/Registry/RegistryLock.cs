using Distribution.Adapters.Files;
using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// Serialises publishes into one registry: an exclusive lock on <c>REGISTRY/.publish.lock</c> (flock on Unix,
/// share mode on Windows). The operating system releases it when the process ends, even when it is killed.
/// </summary>
public sealed class RegistryLock : IDisposable
{
    private readonly FileLock inner;

    private RegistryLock(FileLock inner) => this.inner = inner;

    public static async Task<RegistryLock> AcquireAsync(
        string registry, TimeSpan timeout, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(registry);
        var path = Path.Combine(registry, RegistryLayout.LockFile);
        // No holder record: the registry is served as it is, and holds only what a registry holds.
        var held = await FileLock.AcquireAsync(
            path,
            timeout,
            recordHolder: false,
            _ => log($"waiting for another publish into {registry} to finish (lock {RegistryLayout.LockFile})"),
            (_, exception) => UserErrorException.At(
                SourceLocation.InFile(path),
                DiagnosticCodes.Publishing.RegistryLocked,
                $"another publish holds the registry lock ({exception.Message})",
                "wait for it to finish and run again"),
            cancellationToken).ConfigureAwait(false);
        return new RegistryLock(held);
    }

    public void Dispose() => inner.Dispose();
}
