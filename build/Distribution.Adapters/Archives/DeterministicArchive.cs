using Distribution.Adapters.Files;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Archives;

/// <summary>
/// Writes a deterministic <c>.tar.gz</c>: <see cref="DeterministicTarWriter"/> into <see cref="ParallelGzipStream"/>,
/// through <see cref="AtomicFile"/>, so that a failure leaves no half-written archive behind. Returns the archive's
/// size and SHA-256, hashed as it is written.
/// </summary>
public static class DeterministicArchive
{
    public static Task<FileDigest> CreateAsync(
        string path, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified, CancellationToken cancellationToken) =>
        CreateAsync(path, entries, modified, level: null, parallelism: 0, cancellationToken);

    /// <summary>
    /// The same at gzip <paramref name="level"/> (1 to 9 in quarter steps; null: <see cref="LevelFor"/> the entries), compressing on at
    /// most <paramref name="parallelism"/> threads (0: one per core). The bytes depend on the level, never on the parallelism.
    /// </summary>
    public static Task<FileDigest> CreateAsync(
        string path,
        IEnumerable<ArchiveEntry> entries,
        DateTimeOffset modified,
        DeflateLevel? level,
        int parallelism,
        CancellationToken cancellationToken) =>
        AtomicFile.WriteHashedAsync(path, async (stream, token) =>
        {
            var list = entries as IReadOnlyList<ArchiveEntry> ?? [.. entries];
            var gzip = new ParallelGzipStream(stream, leaveOpen: true, parallelism: parallelism, level: level ?? LevelFor(list));
            await using (gzip.ConfigureAwait(false))
            {
                await DeterministicTarWriter.WriteAsync(gzip, list, modified, token).ConfigureAwait(false);
                await gzip.FinishAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>
    /// The default level for these entries (<see cref="CompressionDefaults"/>): compiled binaries' when files that
    /// start like one hold most of the bytes, else the level of everything else. Reads the first bytes of each file.
    /// </summary>
    public static DeflateLevel LevelFor(IEnumerable<ArchiveEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return CompressionDefaults.LevelFor(entries.Where(entry => entry.Kind == ArchiveEntryKind.File).Select(KindAndSize));
    }

    private static (ContentKind Kind, long Bytes) KindAndSize(ArchiveEntry entry)
    {
        if (entry.Content is { } content)
        {
            return (CompressionDefaults.KindOf(content.Span[..Math.Min(content.Length, CompressionDefaults.HeaderLength)]), content.Length);
        }

        using var file = File.OpenHandle(entry.SourceFile!);
        Span<byte> header = stackalloc byte[CompressionDefaults.HeaderLength];
        var read = RandomAccess.Read(file, header, 0);
        return (CompressionDefaults.KindOf(header[..read]), RandomAccess.GetLength(file));
    }

    /// <summary>
    /// The entries for everything under <paramref name="folder"/>, placed under <paramref name="prefix"/> in the archive
    /// (links kept as links and checked to stay inside the archive; devices, fifos and sockets refused).
    /// </summary>
    public static IReadOnlyList<ArchiveEntry> EntriesOf(string folder, string prefix = "")
    {
        var root = new DirectoryInfo(folder);
        var entries = new List<ArchiveEntry>();
        Collect(root, prefix.Trim('/'), entries);
        return entries;
    }

    /// <summary>The entry for one file (or link) on disk at <paramref name="path"/> in the archive.</summary>
    public static ArchiveEntry EntryOf(FileSystemInfo item, string path)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.LinkTarget is { } target)
        {
            return ArchiveEntry.Link(path, target);
        }

        if (item is DirectoryInfo)
        {
            return ArchiveEntry.Folder(path);
        }

        if (!File.Exists(item.FullName) || (item.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
        {
            throw new InvalidDataException($"'{item.FullName}' is not a regular file, folder or link and cannot be archived");
        }

        var executable = !OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(item.FullName)
                & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        return ArchiveEntry.FromFile(path, item.FullName, executable);
    }

    private static void Collect(DirectoryInfo folder, string prefix, List<ArchiveEntry> entries)
    {
        foreach (var item in folder.EnumerateFileSystemInfos())
        {
            var path = prefix.Length == 0 ? item.Name : prefix + "/" + item.Name;
            var entry = EntryOf(item, path);
            entries.Add(entry);
            if (entry.Kind == ArchiveEntryKind.Directory)
            {
                Collect((DirectoryInfo)item, path, entries);
            }
        }
    }
}
