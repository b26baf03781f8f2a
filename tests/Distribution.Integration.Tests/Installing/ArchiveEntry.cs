using System.Formats.Tar;

namespace Distribution.Integration.Tests.Installing;

/// <summary>One member of a synthetic archive: a file, folder, link or special file.</summary>
internal sealed record ArchiveEntry(
    string Name, TarEntryType Type, string Content = "", string LinkTarget = "", bool Executable = false, UnixFileMode? Mode = null)
{
    public static ArchiveEntry File(string name, string content, bool executable = false)
        => new(name, TarEntryType.RegularFile, content, Executable: executable);

    public static ArchiveEntry Folder(string name) => new(name, TarEntryType.Directory);

    public static ArchiveEntry Symlink(string name, string target) => new(name, TarEntryType.SymbolicLink, LinkTarget: target);

    public static ArchiveEntry HardLink(string name, string target) => new(name, TarEntryType.HardLink, LinkTarget: target);

    public static ArchiveEntry Fifo(string name) => new(name, TarEntryType.Fifo);

    /// <summary>A file or folder with exactly these mode bits in the archive (setuid, world-writable, ...).</summary>
    public static ArchiveEntry WithMode(string name, string content, UnixFileMode mode) =>
        new(name, name.EndsWith('/') ? TarEntryType.Directory : TarEntryType.RegularFile, content, Mode: mode);
}
