namespace Distribution.Adapters.Archives;

/// <summary>
/// One entry of an archive: its path inside the archive (relative, '/'-separated, no <c>./</c>, no <c>..</c>),
/// whether it is executable (files: mode 0755 instead of 0644; directories are always 0755, links 0777), and
/// where its bytes come from: a file on disk (<see cref="SourceFile"/>) or bytes in memory (<see cref="Content"/>).
/// </summary>
public sealed record ArchiveEntry(string Path, ArchiveEntryKind Kind, bool Executable = false)
{
    public string? SourceFile { get; init; }

    public ReadOnlyMemory<byte>? Content { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>The normalised mode written into the header.</summary>
    public int Mode => Kind switch
    {
        ArchiveEntryKind.Directory => 0b111_101_101,
        ArchiveEntryKind.SymbolicLink => 0b111_111_111,
        _ => Executable ? 0b111_101_101 : 0b110_100_100,
    };

    public static ArchiveEntry FromFile(string path, string sourceFile, bool executable) =>
        new(path, ArchiveEntryKind.File, executable) { SourceFile = sourceFile };

    public static ArchiveEntry FromBytes(string path, ReadOnlyMemory<byte> content, bool executable = false) =>
        new(path, ArchiveEntryKind.File, executable) { Content = content };

    public static ArchiveEntry Folder(string path) => new(path.TrimEnd('/'), ArchiveEntryKind.Directory);

    public static ArchiveEntry Link(string path, string target) => new(path, ArchiveEntryKind.SymbolicLink) { LinkTarget = target };
}
