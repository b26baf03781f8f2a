using System.Formats.Tar;

namespace Distribution.Adapters.Sources;

/// <summary>
/// Writes the entries of a tar stream (as <c>git archive</c> makes it) into a folder: directories, regular files
/// (executable ones with mode 0755, others 0644) and symbolic links as they are. Refuses absolute paths and
/// <c>..</c>, so a tree can only land inside the folder.
/// </summary>
internal static class TreeExtractor
{
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static async Task ExtractAsync(Stream tar, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var reader = new TarReader(tar, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes)
                {
                    continue;
                }

                var name = entry.Name.TrimEnd('/');
                if (name.Length == 0 || name.StartsWith('/') || name.Split('/').Any(part => part is ".." or ""))
                {
                    throw new InvalidDataException($"unsafe path '{entry.Name}' in the tree");
                }

                var target = Path.Combine(destination, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                        var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                        await using (file.ConfigureAwait(false))
                        {
                            if (entry.DataStream is { } data)
                            {
                                await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                            }
                        }

                        if (!OperatingSystem.IsWindows())
                        {
                            File.SetUnixFileMode(target, (entry.Mode & UnixFileMode.UserExecute) != 0 ? Executable : Regular);
                        }

                        break;
                    case TarEntryType.SymbolicLink:
                        File.CreateSymbolicLink(target, entry.LinkName);
                        break;
                    default:
                        throw new InvalidDataException($"unexpected entry type {entry.EntryType} for '{entry.Name}' in the tree");
                }
            }
        }
    }
}
