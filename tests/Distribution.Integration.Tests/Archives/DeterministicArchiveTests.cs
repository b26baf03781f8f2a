using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Distribution.Adapters.Archives;
using Distribution.Core.Packaging;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Archives;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeterministicArchiveTests
{
    private const string Modes = "the tree is made with Unix file modes and a symbolic link";

    private static readonly DateTimeOffset CommitTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [UnixOnlyFact(Modes)]
    public async Task Two_runs_over_differently_made_trees_give_byte_identical_archives()
    {
        using var work = new TempDirectory("tar");
        MakeTree(work.Combine("one"), reverse: false);
        MakeTree(work.Combine("two"), reverse: true);
        File.SetLastWriteTimeUtc(work.Combine("two", "bin", "tool"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        await DeterministicArchive.CreateAsync(
            work.Combine("one.tar.gz"), DeterministicArchive.EntriesOf(work.Combine("one")), CommitTime, CancellationToken.None);
        await DeterministicArchive.CreateAsync(
            work.Combine("two.tar.gz"), DeterministicArchive.EntriesOf(work.Combine("two")), CommitTime, CancellationToken.None);

        Assert.Equal(Hash(work.Combine("one.tar.gz")), Hash(work.Combine("two.tar.gz")));
        Assert.Equal(new byte[] { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 }, File.ReadAllBytes(work.Combine("one.tar.gz"))[..10]);
    }

    [UnixOnlyFact(Modes, Program = "tar")]
    public async Task Listing_is_sorted_with_one_mtime_root_owner_and_normalised_modes()
    {
        using var work = new TempDirectory("tar");
        MakeTree(work.Combine("tree"), reverse: false);
        await DeterministicArchive.CreateAsync(
            work.Combine("a.tar.gz"), DeterministicArchive.EntriesOf(work.Combine("tree")), CommitTime, CancellationToken.None);

        var (exitCode, output, error) = await CliProcess.RunAsync(
            "tar",
            ["--utc", "-tvzf", work.Combine("a.tar.gz")],
            work.Path,
            new Dictionary<string, string?> { ["TZ"] = "UTC", ["LC_ALL"] = "C" });

        Assert.True(exitCode == 0, error);
        Snapshot.Match(output);
    }

    [UnixOnlyFact(Modes, Program = "gzip")]
    public async Task Gzip_and_tar_accept_the_archive_and_extraction_keeps_executable_bits_and_links()
    {
        using var work = new TempDirectory("tar");
        MakeTree(work.Combine("tree"), reverse: false);
        await DeterministicArchive.CreateAsync(
            work.Combine("a.tar.gz"), DeterministicArchive.EntriesOf(work.Combine("tree")), CommitTime, CancellationToken.None);

        var gzip = await CliProcess.RunAsync("gzip", ["-t", work.Combine("a.tar.gz")], work.Path);
        Directory.CreateDirectory(work.Combine("out"));
        var tar = await CliProcess.RunAsync("tar", ["-xzf", work.Combine("a.tar.gz"), "-C", work.Combine("out")], work.Path);

        Assert.True(gzip.ExitCode == 0, gzip.Error);
        Assert.True(tar.ExitCode == 0, tar.Error);
        Assert.Equal("echo tool\n", File.ReadAllText(work.Combine("out", "bin", "tool")));
        Assert.True((File.GetUnixFileMode(work.Combine("out", "bin", "tool")) & UnixFileMode.UserExecute) != 0);
        Assert.True((File.GetUnixFileMode(work.Combine("out", "share", "provisioning", "readme.txt")) & UnixFileMode.UserExecute) == 0);
        Assert.Equal("../share/provisioning/readme.txt", new FileInfo(work.Combine("out", "bin", "readme")).LinkTarget);
    }

    [Fact]
    public async Task Long_paths_round_trip_through_ustar_prefix_and_pax_headers()
    {
        using var work = new TempDirectory("tar");
        var medium = string.Join('/', Enumerable.Repeat("segment-of-twenty-ch", 7)) + "/file.txt";
        var huge = "lib/" + new string('x', 180) + "/file.txt";
        var entries = new[] { ArchiveEntry.FromBytes(medium, "m"u8.ToArray()), ArchiveEntry.FromBytes(huge, "h"u8.ToArray()) };
        await DeterministicArchive.CreateAsync(work.Combine("long.tar.gz"), entries, CommitTime, CancellationToken.None);

        var tar = await CliProcess.RunAsync("tar", ["-tzf", work.Combine("long.tar.gz")], work.Path);

        Assert.True(tar.ExitCode == 0, tar.Error);
        var names = tar.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(medium, names);
        Assert.Contains(huge, names);
    }

    [Fact]
    public void A_link_that_leaves_the_prefix_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(
            () => DeterministicTarWriter.Normalise([ArchiveEntry.Link("bin/evil", "../../etc/passwd")]));
        Assert.Contains("outside the install prefix", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => DeterministicTarWriter.Normalise([ArchiveEntry.Link("bin/abs", "/etc/passwd")]));
        Assert.Throws<InvalidDataException>(() => DeterministicTarWriter.Normalise([ArchiveEntry.FromBytes("../x", "x"u8.ToArray())]));
    }

    [Fact]
    public async Task Chunked_gzip_is_independent_of_parallelism_and_decompresses_to_the_input()
    {
        var input = new byte[(int)(3.5 * 4096)];
        var random = new Random(42);
        for (var index = 0; index < input.Length; index++)
        {
            input[index] = (byte)(index % 7 == 0 ? random.Next(256) : 'a' + (index % 13));
        }

        var one = await GzipAsync(input, parallelism: 1);
        var four = await GzipAsync(input, parallelism: 4);

        Assert.Equal(one, four);
        using var decompressed = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(one), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(decompressed);
        }

        Assert.Equal(input, decompressed.ToArray());
        Assert.Equal(Crc32.Compute(input), BitConverter.ToUInt32(one, one.Length - 8));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(5.25)]
    [InlineData(5.5)]
    [InlineData(6)]
    [InlineData(9)]
    public async Task Primed_chunks_with_stored_random_ones_are_independent_of_parallelism_and_decompress_to_the_input(double level)
    {
        // Text, then 200 KiB of random bytes (whole chunks of it are stored), then text repeating the first part:
        // the chunks after the first are primed with the end of the one before.
        const int ChunkSize = 64 * 1024;
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 9000).Select(index => $"line {index % 97} of text\n")));
        var noise = new byte[200 * 1024];
        new Random(7).NextBytes(noise);
        byte[] input = [.. text, .. noise, .. text];

        var one = await GzipAsync(input, parallelism: 1, ChunkSize, level);
        var two = await GzipAsync(input, parallelism: 2, ChunkSize, level);
        var four = await GzipAsync(input, parallelism: 4, ChunkSize, level);

        Assert.Equal(one, two);
        Assert.Equal(one, four);
        Assert.Equal(input, Gunzip(one));
        Assert.True(ParallelGzipStream.IsIncompressible(noise.AsSpan(ChunkSize, ChunkSize)));
        Assert.False(ParallelGzipStream.IsIncompressible(text.AsSpan(0, ChunkSize)));
    }

    [Fact]
    public async Task A_quarter_step_deflates_each_chunk_at_the_whole_level_its_number_gives()
    {
        const int ChunkSize = 16 * 1024;
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 12000).Select(index => $"row {index % 211} {index % 7}\n")));
        var level = DeflateLevel.FromQuarters(21);

        var archive = await GzipAsync(text, parallelism: 2, ChunkSize, level.Number);

        var expected = new List<byte>(archive[..10]);
        var chunks = (text.Length + ChunkSize - 1) / ChunkSize;
        for (var index = 0; index < chunks; index++)
        {
            var start = index * ChunkSize;
            var length = Math.Min(ChunkSize, text.Length - start);
            var primer = Math.Min(start, Math.Min(ChunkSize, ParallelGzipStream.DictionarySize)); // the end of the chunk before
            var dictionary = text.AsSpan(start - primer, primer);
            var chunk = text[start..(start + length)];
            var compressed = ParallelGzipStream.Compress(chunk, length, index == chunks - 1, level.LevelOfChunk(index), dictionary);
            expected.AddRange(compressed.Bytes.ToArray());
        }

        expected.AddRange(archive[^8..]);
        Assert.Equal([.. expected], archive);
        Assert.Equal(text, Gunzip(archive));
        Assert.NotEqual(archive, await GzipAsync(text, parallelism: 2, ChunkSize, 5));
        Assert.NotEqual(archive, await GzipAsync(text, parallelism: 2, ChunkSize, 6));
    }

    [Fact]
    public async Task A_stream_whose_output_failed_refuses_more_and_disposing_it_keeps_the_first_error()
    {
        var input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40000).Select(index => $"line {index}\n")));
        var gzip = new ParallelGzipStream(new FailingStream(), chunkSize: 4096, parallelism: 2);

        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await gzip.WriteAsync(input);
            await gzip.FinishAsync(CancellationToken.None);
        });

        Assert.Equal("disk full", failure.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await gzip.WriteAsync(input.AsMemory(0, 10)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => gzip.FinishAsync(CancellationToken.None));
        await gzip.DisposeAsync();
    }

    [Fact]
    public void A_primed_chunk_is_smaller_than_the_same_chunk_alone_and_a_random_one_is_stored()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 4000).Select(index => $"entry {index % 50} value\n")));
        var alone = ParallelGzipStream.Compress(text, text.Length, final: false, level: 5, dictionary: []);
        var primed = ParallelGzipStream.Compress(text, text.Length, final: false, level: 5, dictionary: text.AsSpan(0, 4096));
        Assert.True(primed.Bytes.Length < alone.Bytes.Length, $"primed {primed.Bytes.Length} bytes, alone {alone.Bytes.Length}");

        var noise = new byte[128 * 1024];
        new Random(3).NextBytes(noise);
        var stored = ParallelGzipStream.Compress(noise, noise.Length, final: true, level: 9, dictionary: text.AsSpan(0, 4096));
        Assert.Equal(0, stored.Bytes.Span[0] & 0b110); // BTYPE 00: a stored block, not a deflated one
        Assert.InRange(stored.Bytes.Length, noise.Length, noise.Length + 64);
    }

    [Fact]
    public async Task Archives_of_compiled_binaries_get_their_level_by_default_and_everything_else_its_own()
    {
        using var folder = new TempDirectory("level");
        var elf = new byte[4096];
        "\u007fELF"u8.CopyTo(elf);
        var binary = ArchiveEntry.FromBytes("bin/tool", elf, executable: true);
        var readme = ArchiveEntry.FromBytes("README.md", Encoding.ASCII.GetBytes(new string('r', 1000)));
        var notes = ArchiveEntry.FromBytes("notes.txt", Encoding.ASCII.GetBytes(new string('n', 5000)));
        File.WriteAllBytes(folder.Combine("tool"), elf);

        Assert.Equal(CompressionDefaults.CompiledBinaryLevel, DeterministicArchive.LevelFor([binary, readme]));
        Assert.Equal(CompressionDefaults.OtherLevel, DeterministicArchive.LevelFor([binary, readme, notes]));
        Assert.Equal(
            CompressionDefaults.CompiledBinaryLevel,
            DeterministicArchive.LevelFor([ArchiveEntry.FromFile("bin/tool", folder.Combine("tool"), executable: true), readme]));

        var automatic = await DeterministicArchive.CreateAsync(
            folder.Combine("auto.tar.gz"), [binary, readme], CommitTime, level: null, parallelism: 1, CancellationToken.None);
        var named = await DeterministicArchive.CreateAsync(
            folder.Combine("named.tar.gz"), [binary, readme], CommitTime, CompressionDefaults.CompiledBinaryLevel, 2, default);
        Assert.Equal(named, automatic);
    }

    [Fact]
    public void Crc32_matches_the_check_value_and_combines_chunks()
    {
        var data = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(data));
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("provisioning ", 1000)));
        var combined = Crc32.Combine(Crc32.Compute(bytes.AsSpan(0, 5000)), Crc32.Compute(bytes.AsSpan(5000)), bytes.Length - 5000);
        Assert.Equal(Crc32.Compute(bytes), combined);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("disk full"));

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("disk full");
    }

    private static byte[] Gunzip(byte[] gzipped)
    {
        using var decompressed = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress))
        {
            gzip.CopyTo(decompressed);
        }

        return decompressed.ToArray();
    }

    private static async Task<byte[]> GzipAsync(byte[] input, int parallelism, int chunkSize = 4096, double level = 5)
    {
        using var output = new MemoryStream();
        var gzip = new ParallelGzipStream(
            output, leaveOpen: true, chunkSize: chunkSize, parallelism: parallelism, level: DeflateLevel.FromNumber(level));
        await using (gzip)
        {
            await gzip.WriteAsync(input);
            await gzip.FinishAsync(CancellationToken.None);
        }

        return output.ToArray();
    }

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static void MakeTree(string root, bool reverse)
    {
        var files = new (string Path, string Text, bool Executable)[]
        {
            ("bin/tool", "echo tool\n", true),
            ("lib/provisioning/core/main.nu", "def main [] { }\n", false),
            ("lib/provisioning/core/z-last.nu", "# last\n", false),
            ("share/provisioning/readme.txt", "hello\n", false),
        };
        foreach (var (path, text, executable) in reverse ? files.Reverse() : files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            File.SetUnixFileMode(
                full,
                executable
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherRead);
        }

        File.CreateSymbolicLink(Path.Combine(root, "bin", "readme"), "../share/provisioning/readme.txt");
    }
}
