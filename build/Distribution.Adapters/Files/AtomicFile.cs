using System.Text;
using Distribution.Core.Model;

namespace Distribution.Adapters.Files;

/// <summary>
/// Writes files that matter all at once: into a temporary file beside the target, flushed to disk, then
/// renamed over it. A crash leaves either the old file or the new one, never half of either.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, Utf8NoBom.GetBytes(contents), cancellationToken);

    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        await WriteAsync(path, (stream, token) => stream.WriteAsync(contents, token).AsTask(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same, returning the size and SHA-256 of what was written (hashed on the way, never read back).</summary>
    public static async Task<FileDigest> WriteHashedAsync(
        string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        FileDigest? digest = null;
        await WriteAsync(path, async (stream, token) =>
        {
            var hashing = new HashingWriteStream(stream);
            await using (hashing.ConfigureAwait(false))
            {
                await write(hashing, token).ConfigureAwait(false);
                digest = hashing.Digest();
            }
        }, cancellationToken).ConfigureAwait(false);
        return digest!;
    }

    /// <summary>Streams the contents through <paramref name="write"/> into a temporary file, then renames it into place.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
