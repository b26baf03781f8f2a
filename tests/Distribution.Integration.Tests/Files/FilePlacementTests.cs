using System.Security.Cryptography;
using Distribution.Adapters.Files;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Files;

public sealed class FilePlacementTests
{
    private const string Links = "hard links are counted with find -links";

    [UnixOnlyFact(Links)]
    public async Task A_file_is_placed_as_a_hard_link_replacing_what_the_destination_held()
    {
        using var work = new TempDirectory("place");
        var source = await WriteAsync(work.Combine("cache", "a.tar.gz"), [1, 2, 3, 4]);
        var destination = await WriteAsync(work.Combine("out", "a.tar.gz"), [4, 3, 2, 1]);

        Assert.True(await FilePlacement.PlaceAsync(source, DigestOf([1, 2, 3, 4]), destination, CancellationToken.None));
        Assert.True(await FilePlacement.PlaceAsync(source, DigestOf([1, 2, 3, 4]), destination, CancellationToken.None));

        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(destination));
        Assert.Equal(2, await LinkCountAsync(work, destination));
        Assert.Equal([destination], Directory.GetFiles(work.Combine("out")));
    }

    [UnixOnlyFact(Links)]
    public async Task Where_no_link_can_be_made_a_copy_is_made_and_skipped_next_time_when_the_bytes_are_already_there()
    {
        using var work = new TempDirectory("place");
        var source = await WriteAsync(work.Combine("a.tar.gz"), [9, 8, 7]);
        var destination = work.Combine("out", "a.tar.gz");

        Assert.True(await FilePlacement.PlaceAsync(source, DigestOf([9, 8, 7]), destination, link: false, CancellationToken.None));
        Assert.False(await FilePlacement.PlaceAsync(source, DigestOf([9, 8, 7]), destination, link: false, CancellationToken.None));

        Assert.Equal([9, 8, 7], await File.ReadAllBytesAsync(destination));
        Assert.Equal(1, await LinkCountAsync(work, destination));
        Assert.Equal([destination], Directory.GetFiles(work.Combine("out")));
    }

    [Fact]
    public async Task A_copy_replaces_a_destination_with_other_bytes_of_the_same_size_written_in_the_same_instant()
    {
        using var work = new TempDirectory("place");
        var source = await WriteAsync(work.Combine("a.tar.gz"), [1, 2, 3]);
        var destination = await WriteAsync(work.Combine("out", "a.tar.gz"), [3, 2, 1]);
        File.SetLastWriteTimeUtc(destination, File.GetLastWriteTimeUtc(source));

        Assert.True(await FilePlacement.PlaceAsync(source, DigestOf([1, 2, 3]), destination, link: false, CancellationToken.None));

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(destination));
    }

    private static FileDigest DigestOf(byte[] bytes) => new(bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    private static async Task<string> WriteAsync(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    /// <summary>The number of names the file has: find's -links test is POSIX, so this works on Linux and macOS alike.</summary>
    private static async Task<int> LinkCountAsync(TempDirectory work, string file)
    {
        for (var count = 1; count <= 8; count++)
        {
            var found = await CliProcess.RunAsync(
                "find", [file, "-links", count.ToString(System.Globalization.CultureInfo.InvariantCulture)], work.Path);
            if (found.Output.Trim().Length > 0)
            {
                return count;
            }
        }

        return -1;
    }
}
