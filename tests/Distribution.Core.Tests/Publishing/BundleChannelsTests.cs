using Distribution.Core.Model;
using Distribution.Core.Publishing;

namespace Distribution.Core.Tests.Publishing;

public sealed class BundleChannelsTests
{
    private sealed record Bundle(string Id, BundleKind Kind, DateOnly? ReleaseDate);

    private static IReadOnlyDictionary<string, string> Channels(params Bundle[] bundles) =>
        BundleChannels.Of(bundles, bundle => bundle.Id, bundle => bundle.Kind, bundle => bundle.ReleaseDate);

    [Fact]
    public void Each_channel_points_at_the_newest_bundle_of_its_kind_by_release_date_then_id()
    {
        var channels = Channels(
            new Bundle("lts-3.1", BundleKind.Lts, new DateOnly(2025, 9, 1)),
            new Bundle("lts-3.2", BundleKind.Lts, new DateOnly(2026, 3, 1)),
            new Bundle("lts-2.9", BundleKind.Lts, null),
            new Bundle("stable-3.3a", BundleKind.Stable, new DateOnly(2026, 5, 1)),
            new Bundle("stable-3.3b", BundleKind.Stable, new DateOnly(2026, 5, 1)),
            new Bundle("custom-core-9.9.9", BundleKind.Custom, new DateOnly(2027, 1, 1)));

        Assert.Equal(new Dictionary<string, string> { ["lts"] = "lts-3.2", ["stable"] = "stable-3.3b" }, channels);
    }

    [Fact]
    public void A_channel_without_a_bundle_of_its_kind_is_left_out()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["stable"] = "stable-3.2" },
            Channels(new Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15))));
        Assert.Empty(Channels());
    }
}
