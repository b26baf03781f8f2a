namespace Distribution.Core.Packaging;

/// <summary>
/// The zlib-ng level of an archive whose recipe names no <c>compression-level</c>, per <see cref="ContentKind"/>:
/// the fastest level (<see cref="DeflateLevel"/>, in quarter steps) whose output stays within 2% of <c>pigz -6</c> on
/// that kind, as measured by
/// <c>./build.sh --target=Benchmark</c> (the curve and the reasons are in docs/benchmark.md). The kind is decided by
/// the content alone (<see cref="KindOf"/>), so the same files always get the same level. Changing a level here
/// changes archives: bump <see cref="PackageJob.ArchiverVersion"/> with it.
/// </summary>
public static class CompressionDefaults
{
    /// <summary>
    /// Text, data, mixed and synthetic payloads: level 5.25 (one chunk in four at level 6, the others at 5), the fastest
    /// within 2% of pigz -6 on the synthetic payload (+1.6%). Whole level 5 measured +2.003% there, just outside; 6
    /// measured +0.3% and is about 1.4 times as slow.
    /// </summary>
    public static readonly DeflateLevel OtherLevel = DeflateLevel.FromQuarters(21);

    /// <summary>
    /// Compiled binaries: level 8.25 (one chunk in four at level 9, the others at 8), +1.5% against pigz -6 on assemblies
    /// and about 1.2 times as fast as 9. Whole levels 5 to 8 are 2.6–3.4% larger than pigz -6 there, 9 is 0.5% smaller:
    /// zlib-ng's level 9 finds the long matches of code and tables that its lower levels give up on.
    /// </summary>
    public static readonly DeflateLevel CompiledBinaryLevel = DeflateLevel.FromQuarters(33);

    /// <summary>The bytes <see cref="KindOf"/> needs from the start of a file.</summary>
    public const int HeaderLength = 4;

    public static DeflateLevel LevelFor(ContentKind kind) => kind == ContentKind.CompiledBinary ? CompiledBinaryLevel : OtherLevel;

    /// <summary>
    /// A file's kind from its first bytes: the magic numbers of ELF, PE/COFF (<c>MZ</c>), Mach-O (32, 64 bit, either
    /// byte order, and universal binaries) and WebAssembly make a compiled binary, anything else is <see cref="ContentKind.Other"/>.
    /// </summary>
    public static ContentKind KindOf(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 2 && header[0] == 'M' && header[1] == 'Z')
        {
            return ContentKind.CompiledBinary;
        }

        if (header.Length < HeaderLength)
        {
            return ContentKind.Other;
        }

        var magic = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
        return magic switch
        {
            0x7F454C46 // \x7fELF
                or 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE // Mach-O, 32 and 64 bit, both byte orders
                or 0xCAFEBABE // Mach-O universal (also Java classes: compiled too)
                or 0x0061736D => ContentKind.CompiledBinary, // \0asm
            _ => ContentKind.Other,
        };
    }

    /// <summary>
    /// The level for an archive of files of the given kinds and sizes: that of the kind holding the most bytes
    /// (compiled binaries on a tie); level <see cref="OtherLevel"/> for an archive with no bytes.
    /// </summary>
    public static DeflateLevel LevelFor(IEnumerable<(ContentKind Kind, long Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        long binary = 0;
        long other = 0;
        foreach (var (kind, bytes) in files)
        {
            if (kind == ContentKind.CompiledBinary)
            {
                binary += bytes;
            }
            else
            {
                other += bytes;
            }
        }

        return LevelFor(binary > 0 && binary >= other ? ContentKind.CompiledBinary : ContentKind.Other);
    }
}
