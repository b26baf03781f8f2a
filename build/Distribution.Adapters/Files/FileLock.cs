using System.Globalization;

namespace Distribution.Adapters.Files;

/// <summary>
/// An exclusive lock on a file (flock on Unix, share mode on Windows), waited for up to a timeout. The operating
/// system releases it when the process ends, even when it is killed. With a holder record, the process that holds it
/// writes who it is into <c>LOCK.holder</c> beside it (the lock file itself cannot be read while locked), so that a
/// run that waits can say who it waits for.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string? holderFile;

    private FileLock(FileStream stream, string? holderFile)
    {
        this.stream = stream;
        this.holderFile = holderFile;
    }

    /// <summary>The holder record of the lock at <paramref name="path"/>.</summary>
    public static string HolderFileOf(string path) => path + ".holder";

    /// <summary>
    /// Takes the lock, waiting while another process holds it: <paramref name="waiting"/> is told once, with the
    /// holder when it is recorded (else null); after <paramref name="timeout"/> the exception of
    /// <paramref name="timedOut"/> is thrown.
    /// </summary>
    public static async Task<FileLock> AcquireAsync(
        string path,
        TimeSpan timeout,
        bool recordHolder,
        Action<string?> waiting,
        Func<string?, IOException, Exception> timedOut,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(timedOut);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        var waited = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                string? holder = null;
                if (recordHolder)
                {
                    holder = HolderFileOf(path);
                    var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    var who = string.Create(
                        CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName}, since {since} UTC");
                    File.WriteAllText(holder, who);
                }

                return new FileLock(stream, holder);
            }
            catch (IOException exception) when (exception is not FileNotFoundException and not DirectoryNotFoundException)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw timedOut(Holder(path, recordHolder), exception);
                }

                if (!waited)
                {
                    waiting(Holder(path, recordHolder));
                    waited = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        if (holderFile is not null)
        {
            try
            {
                File.Delete(holderFile);
            }
            catch (IOException)
            {
                // The record only helps a waiting run say whom it waits for.
            }
        }

        stream.Dispose();
    }

    private static string? Holder(string path, bool recordHolder)
    {
        if (!recordHolder)
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(HolderFileOf(path)).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
