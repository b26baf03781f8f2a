using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.SampleNotes;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class BundleComparisonTests
{
    private static readonly BundleSpec Stable31 = Bundle("stable-3.1", BundleKind.Stable, "2025-06-01", "core@3.1.0", "platform@2.4.0");
    private static readonly BundleSpec Lts31 = Bundle("lts-3.1", BundleKind.Lts, "2025-09-01", "core@3.1.5", "platform@2.4.8");
    private static readonly BundleSpec Stable32 = Bundle("stable-3.2", BundleKind.Stable, "2025-10-15", "core@3.2.1", "platform@2.5.3");
    private static readonly BundleSpec Stable33 = Bundle("stable-3.3", BundleKind.Stable, "2026-01-15", "core@3.3.0", "platform@2.6.0");
    private static readonly BundleSpec[] All = [Stable33, Lts31, Stable31, Stable32];

    [Fact]
    public void Stable_follows_the_newest_earlier_stable_and_lts_the_newest_earlier_lts()
    {
        Assert.Equal(Stable32, PreviousBundle.Find(All, Stable33));
        Assert.Equal(Stable31, PreviousBundle.Find(All, Stable32));
        Assert.Null(PreviousBundle.Find(All, Stable31));
        Assert.Null(PreviousBundle.Find(All, Lts31));
    }

    [Fact]
    public void Since_names_a_bundle()
    {
        Assert.Equal(Stable31, SinceOption.Resolve("stable-3.1", All, Stable32));
    }

    [Fact]
    public void Since_versions_override_the_default_previous_bundle_component_by_component()
    {
        var since = SinceOption.Resolve("core@3.1.5, ext-redis@0.9.1", All, Stable31);

        Assert.Equal(["core@3.1.5", "platform@2.4.0", "ext-redis@0.9.1"], since.Components.Select(item => item.ToString()));
        Assert.Equal(BundleKind.Custom, since.Kind);
    }

    [Fact]
    public void Since_reports_every_bad_part()
    {
        var error = Assert.Throws<UserErrorException>(() => SinceOption.Resolve("kernel@1.0.0,core@next", All, null));

        Assert.Equal(["RN002", "RN003"], error.Diagnostics.Select(diagnostic => diagnostic.Code));
    }

    [Fact]
    public void Since_with_an_unknown_bundle_names_the_known_ones()
    {
        var error = Assert.Throws<UserErrorException>(() => SinceOption.Resolve("stable-9.9", All, null));

        Assert.Equal(
            "error RN001: --since=stable-9.9 names no bundle of versions.toml — use a bundle id (lts-3.1, "
                + "stable-3.1, stable-3.2, stable-3.3) or versions such as core@3.1.0,platform@2.4.0",
            error.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Ranges_cover_both_sides_in_component_order()
    {
        var ranges = ComponentRange.Between(Bundle("b", BundleKind.Custom, "2025-01-01", "ext-azure@1.3.0", "core@3.2.1"), Stable31);

        Assert.Equal(
            [
                new ComponentRange(ComponentId.Core, NuGetVersion.Parse("3.1.0"), NuGetVersion.Parse("3.2.1")),
                new ComponentRange(ComponentId.Platform, NuGetVersion.Parse("2.4.0"), null),
                new ComponentRange(ComponentId.Extension("azure"), null, NuGetVersion.Parse("1.3.0")),
            ],
            ranges.ToArray());
        Assert.Equal([true, false, false], ranges.Select(range => range.HasHistory));
    }
}
