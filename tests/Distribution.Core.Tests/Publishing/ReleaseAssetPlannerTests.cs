using Distribution.Core.Model;
using Distribution.Core.Publishing;

namespace Distribution.Core.Tests.Publishing;

public sealed class ReleaseAssetPlannerTests
{
    private static readonly FileDigest Local = new(100, new string('a', 64));

    [Theory]
    [InlineData(null, null, 0L, null, ReleaseAssetAction.Upload)]
    [InlineData(
        "x.tar.gz", "uploaded", 100L, "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ReleaseAssetAction.Keep)]
    [InlineData(
        "x.tar.gz", "uploaded", 100L, "sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", ReleaseAssetAction.Keep)]
    [InlineData("x.tar.gz", "uploaded", 100L, null, ReleaseAssetAction.VerifyByDownload)]
    [InlineData("x.tar.gz", "uploaded", 100L, "md5:abc", ReleaseAssetAction.VerifyByDownload)]
    [InlineData("x.tar.gz", "starter", 100L, null, ReleaseAssetAction.ReplaceBroken)]
    [InlineData("x.tar.gz", "open", 0L, null, ReleaseAssetAction.ReplaceBroken)]
    [InlineData(
        "x.tar.gz",
        "starter",
        100L,
        "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ReleaseAssetAction.ReplaceBroken)]
    [InlineData(
        "x.tar.gz",
        "uploaded",
        42L,
        "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        ReleaseAssetAction.Conflict)]
    [InlineData("x.tar.gz", "uploaded", 42L, null, ReleaseAssetAction.Conflict)]
    [InlineData("x.tar.gz", "uploaded", 0L, null, ReleaseAssetAction.Conflict)]
    [InlineData(
        "x.tar.gz",
        "uploaded",
        100L,
        "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        ReleaseAssetAction.Conflict)]
    public void Each_remote_state_gets_its_action(string? name, string? state, long size, string? digest, ReleaseAssetAction expected)
    {
        var remote = name is null ? null : new ReleaseAsset(1, name, state!, size, digest);

        Assert.Equal(expected, ReleaseAssetPlanner.Decide(Local, remote));
    }

    [Fact]
    public void The_conflict_message_names_the_file_the_release_and_both_digests_and_sizes()
    {
        var message = ReleaseAssetPlanner.ConflictMessage("bundle.json", Local, new FileDigest(42, new string('b', 64)), "stable-3.2");

        Assert.Equal(
            "release 'stable-3.2' already has an asset 'bundle.json' with other bytes: the release has sha256 "
                + $"{new string('b', 64)} (42 bytes), the bundle has sha256 {new string('a', 64)} (100 bytes)",
            message);
    }
}
