using System.Globalization;
using System.Text;

namespace Distribution.Adapters.Archives;

/// <summary>
/// Writes a POSIX ustar stream that depends only on the entries and one timestamp: entries sorted
/// (<see cref="ArchivePathComparer"/>), every missing parent folder added, one mtime for all, uid/gid 0 with
/// empty owner names, modes normalised to 0644/0755 (0777 for links), no atime/ctime. A path or link target too
/// long for ustar gets a pax header carrying only <c>path</c>/<c>linkpath</c>.
/// </summary>
public static class DeterministicTarWriter
{
    private const int Block = 512;

    /// <summary>Sorts and checks the entries and adds their parent folders: exactly what <see cref="WriteAsync"/> writes.</summary>
    public static IReadOnlyList<ArchiveEntry> Normalise(IEnumerable<ArchiveEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byPath = new Dictionary<string, ArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ArchivePaths.Check(entry.Path);
            if (entry.Kind == ArchiveEntryKind.SymbolicLink)
            {
                ArchivePaths.CheckLink(entry.Path, entry.LinkTarget ?? string.Empty);
            }

            if (byPath.TryGetValue(entry.Path, out var existing))
            {
                if (existing.Kind == ArchiveEntryKind.Directory && entry.Kind == ArchiveEntryKind.Directory)
                {
                    continue;
                }

                throw new InvalidDataException($"the archive would hold '{entry.Path}' twice");
            }

            byPath[entry.Path] = entry;
        }

        foreach (var path in byPath.Keys.ToList())
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                var parent = path[..slash];
                if (byPath.TryGetValue(parent, out var existing))
                {
                    if (existing.Kind != ArchiveEntryKind.Directory)
                    {
                        throw new InvalidDataException($"'{parent}' is both a file and the folder of '{path}'");
                    }

                    break;
                }

                byPath[parent] = ArchiveEntry.Folder(parent);
            }
        }

        return [.. byPath.Values.OrderBy(entry => entry.Path, ArchivePathComparer.Instance)];
    }

    public static async Task WriteAsync(
        Stream output, IEnumerable<ArchiveEntry> entries, DateTimeOffset modified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var mtime = Math.Max(0, modified.ToUnixTimeSeconds());
        var buffer = new byte[1 << 16];
        foreach (var entry in Normalise(entries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (entry.Kind)
            {
                case ArchiveEntryKind.Directory:
                    await WriteHeaderAsync(
                        output, entry.Path + "/", '5', entry.Mode, 0, mtime, string.Empty, cancellationToken).ConfigureAwait(false);
                    break;
                case ArchiveEntryKind.SymbolicLink:
                    await WriteHeaderAsync(
                        output, entry.Path, '2', entry.Mode, 0, mtime, entry.LinkTarget!, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await WriteFileAsync(output, entry, mtime, buffer, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await output.WriteAsync(new byte[Block * 2], cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(
        Stream output, ArchiveEntry entry, long mtime, byte[] buffer, CancellationToken cancellationToken)
    {
        if (entry.Content is { } content)
        {
            await WriteHeaderAsync(
                output, entry.Path, '0', entry.Mode, content.Length, mtime, string.Empty, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            await PadAsync(output, content.Length, cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = entry.SourceFile ?? throw new InvalidDataException($"archive entry '{entry.Path}' has neither a file nor content");
        var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (input.ConfigureAwait(false))
        {
            var length = input.Length;
            await WriteHeaderAsync(
                output, entry.Path, '0', entry.Mode, length, mtime, string.Empty, cancellationToken).ConfigureAwait(false);
            var remaining = length;
            while (remaining > 0)
            {
                var read = await input.ReadAsync(
                    buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"'{source}' shrank while it was being archived");
                }

                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }

            await PadAsync(output, length, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task PadAsync(Stream output, long length, CancellationToken cancellationToken)
    {
        var pad = (int)((Block - (length % Block)) % Block);
        if (pad > 0)
        {
            await output.WriteAsync(new byte[pad], cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteHeaderAsync(
        Stream output, string path, char type, int mode, long size, long mtime, string link, CancellationToken cancellationToken)
    {
        var pathBytes = Encoding.UTF8.GetBytes(path);
        var linkBytes = Encoding.UTF8.GetBytes(link);
        var (prefix, name) = Split(pathBytes);
        var needsPax = name is null || linkBytes.Length > 100;
        if (needsPax)
        {
            var records = new StringBuilder();
            if (name is null)
            {
                records.Append(PaxRecord("path", path));
            }

            if (linkBytes.Length > 100)
            {
                records.Append(PaxRecord("linkpath", link));
            }

            var paxBytes = Encoding.UTF8.GetBytes(records.ToString());
            await output.WriteAsync(
                Header(Encoding.UTF8.GetBytes("././@PaxHeader"), [], 'x', 0b110_100_100, paxBytes.Length, mtime, []),
                cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(paxBytes, cancellationToken).ConfigureAwait(false);
            await PadAsync(output, paxBytes.Length, cancellationToken).ConfigureAwait(false);
            name ??= pathBytes[^Math.Min(100, pathBytes.Length)..];
            prefix ??= [];
            if (linkBytes.Length > 100)
            {
                linkBytes = linkBytes[..100];
            }
        }

        await output.WriteAsync(Header(name!, prefix ?? [], type, mode, size, mtime, linkBytes), cancellationToken).ConfigureAwait(false);
    }

    // ustar splits a long path into prefix (155 bytes) and name (100 bytes) at a slash.
    private static (byte[]? Prefix, byte[]? Name) Split(byte[] path)
    {
        if (path.Length <= 100)
        {
            return ([], path);
        }

        for (var index = Math.Max(0, path.Length - 101); index < Math.Min(path.Length, 156); index++)
        {
            if (path[index] == (byte)'/' && index <= 155 && path.Length - index - 1 <= 100 && path.Length - index - 1 > 0)
            {
                return (path[..index], path[(index + 1)..]);
            }
        }

        return (null, null);
    }

    private static string PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var bodyLength = Encoding.UTF8.GetByteCount(body);
        var length = bodyLength + 1;
        while (length.ToString(CultureInfo.InvariantCulture).Length + bodyLength != length)
        {
            length++;
        }

        return length.ToString(CultureInfo.InvariantCulture) + body;
    }

    private static byte[] Header(byte[] name, byte[] prefix, char type, int mode, long size, long mtime, byte[] link)
    {
        if (size >= 1L << 33)
        {
            throw new InvalidDataException("archive entries of 8 GiB or more are not supported");
        }

        var header = new byte[Block];
        name.CopyTo(header, 0);
        Octal(header, 100, 8, mode);
        Octal(header, 108, 8, 0);
        Octal(header, 116, 8, 0);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, mtime);
        header[156] = (byte)type;
        link.CopyTo(header, 157);
        "ustar\0"u8.CopyTo(header.AsSpan(257));
        "00"u8.CopyTo(header.AsSpan(263));
        Octal(header, 329, 8, 0);
        Octal(header, 337, 8, 0);
        prefix.CopyTo(header, 345);
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header)
        {
            sum += b;
        }

        var checksum = Convert.ToString(sum, 8).PadLeft(6, '0');
        Encoding.ASCII.GetBytes(checksum).CopyTo(header, 148);
        header[154] = 0;
        header[155] = (byte)' ';
        return header;
    }

    private static void Octal(byte[] header, int offset, int width, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(width - 1, '0');
        Encoding.ASCII.GetBytes(digits).CopyTo(header, offset);
        header[offset + width - 1] = 0;
    }
}
