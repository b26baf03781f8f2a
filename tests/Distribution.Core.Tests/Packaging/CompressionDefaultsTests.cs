using Distribution.Core.Packaging;

namespace Distribution.Core.Tests.Packaging;

public sealed class CompressionDefaultsTests
{
    [Theory]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1 })]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0 })]
    [InlineData(new byte[] { (byte)'M', (byte)'Z' })]
    [InlineData(new byte[] { 0xCF, 0xFA, 0xED, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xED, 0xFA, 0xCE })]
    [InlineData(new byte[] { 0xCA, 0xFE, 0xBA, 0xBE })]
    [InlineData(new byte[] { 0x00, 0x61, 0x73, 0x6D, 1, 0, 0, 0 })]
    public void Executables_and_libraries_are_compiled_binaries_by_their_magic(byte[] header) =>
        Assert.Equal(ContentKind.CompiledBinary, CompressionDefaults.KindOf(header));

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x7F, (byte)'E', (byte)'L' })]
    [InlineData(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b' })]
    [InlineData(new byte[] { 0x1F, 0x8B, 0x08, 0x00 })]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 })]
    [InlineData(new byte[] { (byte)'m', (byte)'z', (byte)'x', (byte)'y' })]
    public void Text_scripts_archives_and_short_files_are_other_content(byte[] header) =>
        Assert.Equal(ContentKind.Other, CompressionDefaults.KindOf(header));

    [Fact]
    public void An_archive_gets_the_level_of_the_kind_holding_most_of_its_bytes()
    {
        Assert.Equal(
            CompressionDefaults.CompiledBinaryLevel,
            CompressionDefaults.LevelFor([(ContentKind.CompiledBinary, 600), (ContentKind.Other, 300), (ContentKind.Other, 200)]));
        Assert.Equal(
            CompressionDefaults.OtherLevel,
            CompressionDefaults.LevelFor([(ContentKind.CompiledBinary, 600), (ContentKind.Other, 700)]));
        Assert.Equal(
            CompressionDefaults.CompiledBinaryLevel,
            CompressionDefaults.LevelFor([(ContentKind.CompiledBinary, 500), (ContentKind.Other, 500)]));
        Assert.Equal(CompressionDefaults.OtherLevel, CompressionDefaults.LevelFor([]));
        Assert.NotEqual(CompressionDefaults.OtherLevel, CompressionDefaults.CompiledBinaryLevel);
    }
}
