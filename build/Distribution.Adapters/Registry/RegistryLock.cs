using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// Serialises publishes into one registry: an exclusive lock on <c>REGISTRY/.publish.lock</c> (flock on Unix,
/// share mode on Windows). The operating system releases it when the process ends, even when it is killed.
/// </summary>
public sealed class RegistryLock : IDisposable
{
    private readonly FileStream stream;

    private RegistryLock(FileStream stream) => this.stream = stream;

    public static async Task<RegistryLock> AcquireAsync(
        string registry, TimeSpan timeout, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        Directory.CreateDirectory(registry);
        var path = Path.Combine(registry, RegistryLayout.LockFile);
        var deadline = DateTime.UtcNow + timeout;
        var waiting = false;
        while (true)
        {
            try
            {
                return new RegistryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!waiting)
                {
                    log($"waiting for another publish into {registry} to finish (lock {RegistryLayout.LockFile})");
                    waiting = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException exception)
            {
                throw UserErrorException.At(
                    SourceLocation.InFile(path),
                    DiagnosticCodes.Publishing.RegistryLocked,
                    $"another publish holds the registry lock ({exception.Message})",
                    "wait for it to finish and run again");
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
