using Distribution.Core.Model;

namespace Distribution.Adapters.Files;

/// <summary>
/// Puts a finished file (a cached archive, whose digest is known) at a destination, replacing what is there
/// atomically: as a hard link where the file system allows, made afresh every time (a link and a rename, whatever
/// the size, and the destination is then the verified bytes themselves), else as a copy, skipped when the
/// destination already holds exactly those bytes (its size and SHA-256 are the digest's).
/// </summary>
public static class FilePlacement
{
    /// <summary>
    /// Places <paramref name="source"/>, whose size and SHA-256 are <paramref name="digest"/>,
    /// at <paramref name="destination"/>; false when a copy was not needed.
    /// </summary>
    public static Task<bool> PlaceAsync(string source, FileDigest digest, string destination, CancellationToken cancellationToken) =>
        PlaceAsync(source, digest, destination, link: true, cancellationToken);

    /// <summary>The same; with <paramref name="link"/> false always as a copy (what happens across file systems).</summary>
    internal static async Task<bool> PlaceAsync(
        string source, FileDigest digest, string destination, bool link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (link && HardLink.TryCreate(source, temporary))
            {
                File.Move(temporary, destination, overwrite: true);
                return true;
            }
        }
        finally
        {
            // Also when the destination already was a link to the source: renaming a name over another name of
            // the same file does nothing and leaves the temporary name behind.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        if (File.Exists(destination) && new FileInfo(destination).Length == digest.Size
            && await FileHasher.HashFileAsync(destination, cancellationToken).ConfigureAwait(false) == digest)
        {
            return false;
        }

        await AtomicFile.WriteAsync(destination, async (output, token) =>
        {
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                await input.CopyToAsync(output, token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
