using System.IO.Compression;
using System.Security.Cryptography;
using Distribution.Core.Benchmarks;
using Distribution.DevTools.Benchmarks;
using Distribution.Testing;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class SyntheticPayloadTests
{
    [Fact]
    public void The_same_kind_size_and_seed_give_the_same_bytes_on_every_machine()
    {
        // Commit ids of the synthetic repositories depend on these bytes: they are pinned here.
        var digests = Enum.GetValues<PayloadKind>().Select(
            kind => $"{kind} {Convert.ToHexStringLower(SHA256.HashData(SyntheticPayload.Create(kind, 100_000, 42)))}");

        Snapshot.Match(string.Join('\n', digests) + "\n");
    }

    [Fact]
    public void Different_seeds_give_different_bytes()
    {
        Assert.NotEqual(SyntheticPayload.Create(PayloadKind.Binary, 4096, 1), SyntheticPayload.Create(PayloadKind.Binary, 4096, 2));
    }

    [Theory]
    [InlineData(PayloadKind.Text, 2.5, 6.0)]
    [InlineData(PayloadKind.Binary, 1.6, 4.0)]
    [InlineData(PayloadKind.Random, 0.95, 1.01)]
    public void Each_kind_compresses_like_the_files_it_stands_for(PayloadKind kind, double least, double most)
    {
        var data = SyntheticPayload.Create(kind, 1 << 20, 7);
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        var ratio = (double)data.Length / output.Length;
        Assert.InRange(ratio, least, most);
    }

    [Fact]
    public void Text_payload_is_printable_lines()
    {
        var text = SyntheticPayload.Create(PayloadKind.Text, 10_000, 3);

        Assert.All(text, value => Assert.True(value is (byte)'\n' or >= 0x20 and < 0x7f, $"byte {value} is not printable ASCII"));
        Assert.Contains((byte)'\n', text);
    }
}
