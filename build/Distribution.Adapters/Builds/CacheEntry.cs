using System.Globalization;
using Distribution.Adapters.Files;
using Distribution.Core.Model;

namespace Distribution.Adapters.Builds;

/// <summary>
/// A finished file of the build cache (<c>packages/KEY/NAME</c>) with its digest recorded beside it in
/// <c>NAME.digest</c> (<c>SHA256 SIZE MTIME</c>, the file's last-write time in ticks), so that a hit costs two stats
/// instead of reading the file. The digest is trusted while the file keeps the size and last-write time it had
/// when the digest was taken, and that time is older than the digest file's own: file times advance in ticks of a
/// few milliseconds, so a change made in the tick the digest was taken would keep the time (git's "racy clean"
/// problem, solved the same way: such an entry is hashed again and its digest taken anew). A file changed in place
/// is hashed again; if its bytes differ from the recorded digest it is damaged, and removed, so that it is made
/// again. An entry without a digest file (made by an older version) is hashed once and gets one.
/// </summary>
public static class CacheEntry
{
    public const string DigestSuffix = ".digest";

    /// <summary>
    /// Makes the entry with <paramref name="make"/> (which writes the file atomically and returns its digest), then records the digest.
    /// </summary>
    public static async Task<FileDigest> CreateAsync(
        string path, Func<string, CancellationToken, Task<FileDigest>> make, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(make);
        var digest = await make(path, cancellationToken).ConfigureAwait(false);
        await RecordAsync(path, digest, cancellationToken).ConfigureAwait(false);
        return digest;
    }

    /// <summary>The entry's digest; null when there is no entry, or when it was damaged (and is now removed).</summary>
    public static async Task<FileDigest?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        var recorded = await RecordedAsync(path, cancellationToken).ConfigureAwait(false);
        if (recorded is { } known && known.Digest.Size == file.Length && known.Modified == file.LastWriteTimeUtc.Ticks
            && file.LastWriteTimeUtc < File.GetLastWriteTimeUtc(DigestPath(path)))
        {
            return known.Digest;
        }

        var actual = await FileHasher.HashFileAsync(path, cancellationToken).ConfigureAwait(false);
        if (recorded is not null && recorded.Value.Digest != actual)
        {
            File.Delete(DigestPath(path));
            File.Delete(path);
            return null;
        }

        await RecordAsync(path, actual, cancellationToken).ConfigureAwait(false);
        return actual;
    }

    private static string DigestPath(string path) => path + DigestSuffix;

    private static async Task RecordAsync(string path, FileDigest digest, CancellationToken cancellationToken)
    {
        var modified = File.GetLastWriteTimeUtc(path).Ticks;
        await AtomicFile.WriteAllTextAsync(
            DigestPath(path),
            string.Create(CultureInfo.InvariantCulture, $"{digest.Sha256} {digest.Size} {modified}\n"),
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(FileDigest Digest, long Modified)?> RecordedAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(DigestPath(path), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var parts = text.Trim().Split(' ');
        return parts.Length == 3 && parts[0].Length == 64
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var modified)
                ? (new FileDigest(size, parts[0]), modified)
                : null;
    }
}
