using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Distribution.Integration.Tests.Packaging;

/// <summary>
/// What a packaged program is, read from its header: <c>ELF x86-64</c>, <c>ELF aarch64</c>, <c>Mach-O x86-64</c>,
/// <c>Mach-O arm64</c> (what <c>file</c> says, without needing <c>file</c>).
/// </summary>
public static class NativeExecutables
{
    public static string Describe(ReadOnlySpan<byte> header)
    {
        // ELF: 0x7F 'E' 'L' 'F', class 2 (64-bit), data 1 (little-endian), e_machine at 18.
        if (header.Length >= 20 && header[..4].SequenceEqual("\u007fELF"u8) && header[4] == 2 && header[5] == 1)
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) switch
            {
                0x3E => "ELF x86-64",
                0xB7 => "ELF aarch64",
                var machine => $"ELF machine 0x{machine:x}",
            };
        }

        // Mach-O 64-bit little-endian: magic 0xFEEDFACF, then the CPU type.
        if (header.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(header) == 0xFEEDFACF)
        {
            return BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) switch
            {
                0x01000007 => "Mach-O x86-64",
                0x0100000C => "Mach-O arm64",
                var cpu => $"Mach-O cpu 0x{cpu:x}",
            };
        }

        return header.Length >= 2 && header[0] == '#' && header[1] == '!' ? "script" : "not an executable";
    }

    /// <summary>What the file at <paramref name="path"/> is (its first 64 bytes).</summary>
    public static string DescribeFile(string path)
    {
        var header = new byte[64];
        using var file = File.OpenRead(path);
        return Describe(header.AsSpan(0, file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)));
    }

    /// <summary>
    /// Whether a 64-bit Mach-O program carries an ad-hoc code signature (LC_CODE_SIGNATURE → a CodeDirectory with the
    /// adhoc flag) whose SHA-256 page hashes match its bytes: Apple silicon runs no program without a valid one.
    /// </summary>
    public static bool HasMatchingAdHocSignature(byte[] program)
    {
        ArgumentNullException.ThrowIfNull(program);
        uint LittleEndian(int at) => BinaryPrimitives.ReadUInt32LittleEndian(program.AsSpan(at));
        uint BigEndian(int at) => BinaryPrimitives.ReadUInt32BigEndian(program.AsSpan(at));
        if (program.Length < 32 || LittleEndian(0) != 0xFEEDFACF)
        {
            return false;
        }

        int? signature = null;
        var command = 32;
        for (var index = 0; index < LittleEndian(16); index++)
        {
            if (LittleEndian(command) == 0x1D)
            {
                signature = (int)LittleEndian(command + 8);
            }

            command += (int)LittleEndian(command + 4);
        }

        if (signature is not { } superBlob || BigEndian(superBlob) != 0xFADE0CC0)
        {
            return false;
        }

        for (var blob = 0; blob < BigEndian(superBlob + 8); blob++)
        {
            var directory = superBlob + (int)BigEndian(superBlob + 12 + (8 * blob) + 4);
            if (BigEndian(directory) != 0xFADE0C02)
            {
                continue;
            }

            var flags = BigEndian(directory + 12);
            var hashes = directory + (int)BigEndian(directory + 16);
            var pages = (int)BigEndian(directory + 28);
            var codeLimit = (int)BigEndian(directory + 32);
            var (hashSize, hashType, pageSize) = (program[directory + 36], program[directory + 37], 1 << program[directory + 39]);
            if ((flags & 0x2) == 0 || hashType != 2 || hashSize != 32)
            {
                return false;
            }

            return Enumerable.Range(0, pages).All(page =>
                SHA256.HashData(program.AsSpan((page * pageSize)..Math.Min((page + 1) * pageSize, codeLimit)))
                    .AsSpan()
                    .SequenceEqual(program.AsSpan(hashes + (page * hashSize), hashSize)));
        }

        return false;
    }
}
