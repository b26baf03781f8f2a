using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Versions;

public sealed class VersionsValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Fact]
    public void The_design_example_is_reported_for_exactly_azure_against_the_core_extensions_range()
    {
        var read = VersionsReader.FromTable(DesignExample(new TomlBuilder(), azure: "azure@2.0.0"), "versions.toml");

        var errors = read.Diagnostics.Concat(VersionsValidator.Validate(read.Document, Today)).Where(item => item.IsError).ToList();

        var error = Assert.Single(errors);
        Assert.Equal(DiagnosticCodes.Versions.CoreRangeBroken, error.Code);
        Assert.Contains(
            "azure@2.0.0 does not satisfy extensions = \"^1.0\" required by core 3.2.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_example_with_azure_1_3_has_only_warnings_for_ungoverned_platform_2_4_and_expired_lts()
    {
        var read = VersionsReader.FromTable(DesignExample(new TomlBuilder(), azure: "azure@1.3.0"), "versions.toml");

        var all = read.Diagnostics.Concat(VersionsValidator.Validate(read.Document, Today)).ToList();

        Assert.DoesNotContain(all, item => item.IsError);
        Assert.Equal(
            [DiagnosticCodes.Versions.Ungoverned, DiagnosticCodes.Versions.LtsExpired, DiagnosticCodes.Versions.NoComponents],
            all.Select(item => item.Code).Order(StringComparer.Ordinal));
        Assert.Contains(all, item => item.Message.Contains("platform 2.4.8", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("core", "3.1.5", "3.1.0")]
    [InlineData("core", "3.2.0", "3.2.0")]
    [InlineData("core", "3.2.7", "3.2.1")]
    [InlineData("platform", "2.5.2", "2.5.0")]
    [InlineData("platform", "2.5.9", "2.5.3")]
    // A pre-release is governed as its release will be (docs/versions-toml.md).
    [InlineData("core", "3.2.1-rc.1", "3.2.1")]
    [InlineData("core", "3.2.0-rc.1", "3.2.0")]
    [InlineData("core", "3.2.2-rc.1", "3.2.1")]
    [InlineData("platform", "2.5.0-rc.1", "2.5.0")]
    [InlineData("platform", "2.5.3-beta.2", "2.5.3")]
    public void An_entry_governs_later_patches_of_its_minor_up_to_the_next_entry(string kind, string version, string governing)
    {
        var document = VersionsReader.FromTable(DesignExample(new TomlBuilder(), "azure@1.3.0"), "versions.toml").Document;

        var entry = document.Governing(kind == "core" ? ComponentKind.Core : ComponentKind.Platform, NuGetVersion.Parse(version));

        Assert.Equal(NuGetVersion.Parse(governing), entry?.Version);
    }

    [Theory]
    [InlineData("core", "3.0.9")]
    [InlineData("core", "3.3.0")]
    [InlineData("platform", "2.4.8")]
    [InlineData("core", "3.3.0-rc.1")]
    [InlineData("core", "3.0.9-rc.1")]
    public void Versions_outside_every_entry_are_not_governed(string kind, string version)
    {
        var document = VersionsReader.FromTable(DesignExample(new TomlBuilder(), "azure@1.3.0"), "versions.toml").Document;

        Assert.Null(document.Governing(kind == "core" ? ComponentKind.Core : ComponentKind.Platform, NuGetVersion.Parse(version)));
    }

    [Theory]
    [InlineData("4.0.0-rc.1", "4.0.0-rc.1")]
    [InlineData("4.0.0-rc.2", "4.0.0-rc.2")]
    [InlineData("4.0.0-rc.3", "4.0.0-rc.2")]
    [InlineData("4.0.0", "4.0.0-rc.2")]
    [InlineData("4.0.1", "4.0.0-rc.2")]
    public void An_entry_for_a_pre_release_governs_what_comes_after_it_and_never_an_earlier_pre_release(string version, string governing)
    {
        var b = new TomlBuilder();
        var root = b.Table(("compatibility", b.Table(("core", b.Table(
            ("4.0.0-rc.2", b.Table(("platform", b.S("^3.0")))),
            ("4.0.0-rc.1", b.Table(("platform", b.S("^3.0")))))))));
        var document = VersionsReader.FromTable(root, "versions.toml").Document;

        Assert.Equal(NuGetVersion.Parse(governing), document.Governing(ComponentKind.Core, NuGetVersion.Parse(version))?.Version);
        Assert.Null(document.Governing(ComponentKind.Core, NuGetVersion.Parse("4.0.0-beta.1")));
    }

    [Fact]
    public void Platform_entry_constrains_the_core_the_other_way()
    {
        // platform 2.5.3 wants core ^3.2 / min-core 3.2.0, but the bundle pairs it with core 3.1.5 (whose entry allows ^2.3).
        var b = new TomlBuilder();
        var root = b.Table(
            ("compatibility", Compatibility(b)),
            ("bundles", b.Table(("mixed", b.Table(
                ("name", b.S("Mixed")), ("release-date", b.S("2025-01-01")),
                ("core", b.S("3.1.5")), ("platform", b.S("2.5.3")), ("workspace", b.S("1.0.0")))))));
        var read = VersionsReader.FromTable(root, "versions.toml");

        var errors = VersionsValidator.Validate(read.Document, Today).Where(item => item.IsError).ToList();

        Assert.Equal(
            [DiagnosticCodes.Versions.PlatformRangeBroken, DiagnosticCodes.Versions.PlatformRangeBroken],
            errors.Select(item => item.Code));
        Assert.Contains(
            errors,
            item => item.Message.Contains(
                "core 3.1.5 does not satisfy core = \"^3.2\" required by platform 2.5.3", StringComparison.Ordinal));
        Assert.Contains(errors, item => item.Message.Contains("min-core = \"3.2.0\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Lts_dates_are_checked_against_each_other_and_today()
    {
        var b = new TomlBuilder();
        var root = b.Table(
            ("compatibility", Compatibility(b)),
            ("bundles", b.Table(
                ("lts-a", Bundle(b, "LTS A", "2025-09-01", "2025-08-01")),
                ("lts-b", Bundle(b, "LTS B", "2025-09-01", "2026-11-20", workspace: "1.1.0")),
                ("lts-c", Bundle(b, "LTS C", "2025-09-01", "2026-11-21", workspace: "1.2.0")))));
        var read = VersionsReader.FromTable(root, "versions.toml");

        var diagnostics = VersionsValidator.Validate(read.Document, Today);

        Assert.Equal(
            [
                (DiagnosticCodes.Versions.LtsBeforeRelease, "lts-a"),
                (DiagnosticCodes.Versions.LtsExpired, "lts-a"),
                (DiagnosticCodes.Versions.LtsExpired, "lts-b"),
            ],
            diagnostics.Select(item => (item.Code, item.Message.Split(':')[0].Replace("bundle ", string.Empty, StringComparison.Ordinal))));
        Assert.Equal(Severity.Warning, diagnostics[1].Severity);
    }

    [Fact]
    public void Identical_bundles_and_repeated_names_are_errors()
    {
        var b = new TomlBuilder();
        var root = b.Table(
            ("compatibility", Compatibility(b)),
            ("bundles", b.Table(
                ("one", Bundle(b, "Same", "2025-09-01", null)),
                ("two", Bundle(b, "Same", "2025-10-01", null)))));
        var read = VersionsReader.FromTable(root, "versions.toml");

        var codes = VersionsValidator.Validate(read.Document, Today).Select(item => item.Code);

        Assert.Equal([DiagnosticCodes.Versions.IdenticalBundles, DiagnosticCodes.Versions.DuplicateBundleName], codes);
    }

    [Fact]
    public void Custom_combination_is_checked_like_a_bundle()
    {
        var document = VersionsReader.FromTable(DesignExample(new TomlBuilder(), "azure@1.3.0"), "versions.toml").Document;
        var spec = VersionsDocument.CustomBundle(
            null,
            NuGetVersion.Parse("3.2.1"),
            NuGetVersion.Parse("2.5.3"),
            NuGetVersion.Parse("0.9.0"),
            [new BundleComponent(ComponentId.Extension("redis"), NuGetVersion.Parse("1.1.0"))]);

        var diagnostics = VersionsValidator.ValidateSpec(document, spec);

        Assert.Equal("custom-core-3.2.1", spec.Id);
        Assert.Equal(BundleKind.Custom, spec.Kind);
        var error = Assert.Single(diagnostics);
        Assert.Equal(
            "error VM013: bundle custom-core-3.2.1: workspace 0.9.0 does not satisfy workspace = "
                + "\"^1.0\" required by core 3.2.1 (compatibility.core.\"3.2.1\", line 4) — use a "
                + "workspace version matching ^1.0, or a core whose matrix entry allows workspace 0.9.0",
            error.ToString());
    }

    [Fact]
    public void Bundle_specs_carry_kind_dates_and_components_in_component_order()
    {
        var document = VersionsReader.FromTable(DesignExample(new TomlBuilder(), "azure@1.3.0"), "versions.toml").Document;

        var stable = document.GetBundleSpec("stable-3.2");
        var lts = document.GetBundleSpec("lts-3.1");

        Assert.Equal(BundleKind.Stable, stable.Kind);
        Assert.Equal(
            "core@3.2.1 platform@2.5.3 workspace@1.4.0 ext-azure@1.3.0 ext-mongodb@1.2.0 ext-redis@1.1.0",
            string.Join(' ', stable.Components));
        Assert.Equal(BundleKind.Lts, lts.Kind);
        Assert.Equal(new DateOnly(2026, 9, 1), lts.LtsUntil);
        Assert.Equal(stable, document.DefaultBundle);
        var missing = Assert.Throws<UserErrorException>(() => document.GetBundleSpec("stable-3.3"));
        Assert.Equal(
            "versions.toml: error VM031: there is no bundle 'stable-3.3' — did "
                + "you mean 'stable-3.2'? the bundles are: stable-3.2, lts-3.1",
            missing.Diagnostics[0].ToString());
    }

    // The design's text, as tables (no [components]).
    private static TomlTable DesignExample(TomlBuilder b, string azure) => b.Table(
        ("compatibility", Compatibility(b)),
        ("bundles", b.Table(
            ("stable-3.2", b.Table(
                ("name", b.S("Stable 3.2 Bundle")), ("release-date", b.S("2025-10-15")),
                ("core", b.S("3.2.1")), ("platform", b.S("2.5.3")),
                ("extensions", b.A("mongodb@1.2.0", "redis@1.1.0", azure)),
                ("workspace", b.S("1.4.0")))),
            ("lts-3.1", b.Table(
                ("name", b.S("LTS 3.1 Bundle")), ("release-date", b.S("2025-09-01")), ("lts-until", b.S("2026-09-01")),
                ("core", b.S("3.1.5")), ("platform", b.S("2.4.8")), ("workspace", b.S("1.3.0")))))));

    private static TomlTable Compatibility(TomlBuilder b) => b.Table(
        ("core", b.Table(
            ("3.2.1", b.Inline(("platform", b.S("^2.5")), ("extensions", b.S("^1.0")), ("workspace", b.S("^1.0")))),
            ("3.2.0", b.Inline(("platform", b.S("^2.4")), ("extensions", b.S("^1.0")), ("workspace", b.S("^1.0")))),
            ("3.1.0", b.Inline(("platform", b.S("^2.3")), ("extensions", b.S("^0.9")), ("workspace", b.S("^1.0")))))),
        ("platform", b.Table(
            ("2.5.3", b.Inline(("core", b.S("^3.2")), ("min-core", b.S("3.2.0")))),
            ("2.5.0", b.Inline(("core", b.S("^3.1")), ("min-core", b.S("3.1.0")))))));

    private static TomlTable Bundle(TomlBuilder b, string name, string released, string? ltsUntil, string workspace = "1.0.0")
    {
        var entries = new List<(string, TomlValue)> { ("name", b.S(name)), ("release-date", b.S(released)) };
        if (ltsUntil is not null)
        {
            entries.Add(("lts-until", b.S(ltsUntil)));
        }

        entries.AddRange([("core", b.S("3.2.1")), ("platform", b.S("2.5.3")), ("workspace", b.S(workspace))]);
        return b.Table([.. entries]);
    }
}
