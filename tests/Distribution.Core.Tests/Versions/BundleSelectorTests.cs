using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Versions;
using Distribution.Testing;

namespace Distribution.Core.Tests.Versions;

public sealed class BundleSelectorTests
{
    private static readonly VersionsDocument Shipped = VersionsChecker.Check(
        File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml")),
        "versions.toml",
        new DateOnly(2026, 11, 21)).Document;

    [Fact]
    public void No_options_select_the_newest_stable_bundle() =>
        Assert.Equal("stable-3.2", BundleSelector.Select(Shipped, null, null, null, null, null).Spec.Id);

    [Fact]
    public void Bundle_option_selects_that_bundle_with_its_kind()
    {
        var (spec, warnings) = BundleSelector.Select(Shipped, "lts-3.1", null, null, null, null);

        Assert.Equal(BundleKind.Lts, spec.Kind);
        Assert.Equal("core@3.1.5 platform@2.4.8 workspace@1.3.0", string.Join(' ', spec.Components));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Ad_hoc_combination_is_custom_and_checked_against_the_matrix()
    {
        var (spec, warnings) = BundleSelector.Select(Shipped, null, "3.2.1", "2.5.3", "1.4.0", "redis@1.1.0");

        Assert.Equal(("custom-core-3.2.1", BundleKind.Custom), (spec.Id, spec.Kind));
        Assert.Equal("core@3.2.1 platform@2.5.3 workspace@1.4.0 ext-redis@1.1.0", string.Join(' ', spec.Components));
        Assert.Empty(warnings);
        Assert.Equal("try-azure", BundleSelector.Select(Shipped, "try-azure", "3.3.0", "2.6.0", "1.4.0", null).Spec.Id);
    }

    [Fact]
    public void Ad_hoc_combination_outside_the_matrix_fails_with_every_reason()
    {
        var exception = Assert.Throws<UserErrorException>(() => BundleSelector.Select(
            Shipped, null, "3.2.1", "2.4.8", "1.4.0", "azure@2.0.0,nosuch@1.0.0"));

        Assert.Equal(
            [DiagnosticCodes.Versions.UnknownExtension, DiagnosticCodes.Versions.CoreRangeBroken, DiagnosticCodes.Versions.CoreRangeBroken],
            exception.Diagnostics.Select(item => item.Code));
    }

    [Fact]
    public void Ungoverned_ad_hoc_versions_are_warnings()
    {
        var (_, warnings) = BundleSelector.Select(Shipped, null, "3.3.0", "2.6.0", "1.4.0", null);

        Assert.Equal([DiagnosticCodes.Versions.Ungoverned, DiagnosticCodes.Versions.Ungoverned], warnings.Select(item => item.Code));
    }

    [Fact]
    public void Incomplete_or_malformed_options_are_all_reported()
    {
        var exception = Assert.Throws<UserErrorException>(() => BundleSelector.Select(Shipped, null, "v3.2.1", null, "1.4.0", "redis"));

        Assert.Equal(
            [
                "error VM033: --core 'v3.2.1' is not a canonical SemVer version — write "
                    + "\"3.2.1\" (SemVer: MAJOR.MINOR.PATCH, no 'v', no leading zeros)",
                "error VM033: --platform is missing",
                "error VM033: --extensions: 'redis' is not name@version"],
            exception.Diagnostics.Select(item => item.ToString().Split(" — an ad-hoc")[0].Split(" — write it like")[0]));
    }
}
