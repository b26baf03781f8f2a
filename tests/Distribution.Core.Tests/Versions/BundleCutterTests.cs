using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Versions;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Versions;

public sealed class BundleCutterTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static string Shipped => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"));

    [Fact]
    public void Coordinated_major_adds_the_bundle_and_both_matrix_entries_and_changes_nothing_else()
    {
        var request = Request("stable-4.0", "4.0.0", "3.0.0", "2.0.0", "mongodb@2.0.0", "redis@2.0.0");

        var plan = BundleCutter.Plan(Shipped, "versions.toml", request, Today);

        Assert.False(plan.IsRefused, string.Join('\n', plan.Diagnostics));
        Assert.Equal(
            [
                "compatibility.core.\"4.0.0\" = { platform = \"^3.0\", extensions = \"^2.0\", workspace = \"^2.0\" }",
                "compatibility.platform.\"3.0.0\" = { core = \"^4.0\", min-core = \"4.0.0\" }",
                "[bundles.\"stable-4.0\"] Stable 4.0 Bundle: core 4.0.0, platform 3.0.0, workspace 2.0.0, mongodb@2.0.0, redis@2.0.0",
            ],
            plan.Additions.ToArray());
        AssertOnlyAdded(plan.OldText, plan.NewText);
        var reread = VersionsChecker.Check(plan.NewText, "versions.toml", Today);
        Assert.Empty(reread.Diagnostics);
        var spec = reread.Document.GetBundleSpec("stable-4.0");
        Assert.Equal("core@4.0.0 platform@3.0.0 workspace@2.0.0 ext-mongodb@2.0.0 ext-redis@2.0.0", string.Join(' ', spec.Components));
        Assert.Equal(new DateOnly(2026, 12, 1), spec.ReleaseDate);
        Assert.Equal("stable-4.0", reread.Document.DefaultBundle?.Id);
    }

    [Fact]
    public void Patch_release_governed_by_an_existing_entry_adds_only_the_bundle()
    {
        var request = Request("stable-3.2.2", "3.2.2", "2.5.3", "1.4.0", "mongodb@1.2.0") with { LtsUntil = new DateOnly(2027, 12, 1) };

        var plan = BundleCutter.Plan(Shipped, "versions.toml", request, Today);

        Assert.False(plan.IsRefused, string.Join('\n', plan.Diagnostics));
        var addition = Assert.Single(plan.Additions);
        Assert.StartsWith("[bundles.\"stable-3.2.2\"] LTS 3.2 Bundle:", addition, StringComparison.Ordinal);
        AssertOnlyAdded(plan.OldText, plan.NewText);
        Assert.Equal(
            BundleKind.Lts, VersionsChecker.Check(plan.NewText, "versions.toml", Today).Document.GetBundleSpec("stable-3.2.2").Kind);
    }

    [Fact]
    public void Combination_the_matrix_forbids_is_refused_with_the_reason()
    {
        var request = Request("stable-3.2.5", "3.2.1", "2.5.3", "1.4.0", "azure@2.0.0");

        var plan = BundleCutter.Plan(Shipped, "versions.toml", request, Today);

        Assert.True(plan.IsRefused);
        var error = Assert.Single(plan.Diagnostics, item => item.IsError);
        Assert.Equal(DiagnosticCodes.Versions.CoreRangeBroken, error.Code);
        Assert.Contains("azure@2.0.0 does not satisfy extensions = \"^1.0\"", error.Message, StringComparison.Ordinal);

        // The error is in the bundle new-bundle would add: a line the file on disk does not have, and the message says so.
        Assert.True(error.Location.Line > Shipped.Split('\n').Length, $"line {error.Location.Line}");
        Assert.EndsWith(
            $"(line {error.Location.Line} of versions.toml as it would be after "
                + "the change, which was not written; --dry-run shows the change)",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_of_an_accepted_plan_are_not_annotated()
    {
        var request = Request(
            "lts-4.0",
            "4.0.0",
            "3.0.0",
            "2.0.0",
            "mongodb@2.0.0") with { ReleaseDate = new DateOnly(2026, 1, 1), LtsUntil = new DateOnly(2026, 6, 1) };

        var plan = BundleCutter.Plan(Shipped, "versions.toml", request, Today);

        Assert.False(plan.IsRefused);
        var warning = Assert.Single(plan.Diagnostics);
        Assert.Equal(DiagnosticCodes.Versions.LtsExpired, warning.Code);
        Assert.DoesNotContain("as it would be after the change", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_id_is_refused_before_any_change()
    {
        var exception = Assert.Throws<UserErrorException>(() => BundleCutter.Plan(
            Shipped, "versions.toml", Request("stable-3.2", "4.0.0", "3.0.0", "2.0.0"), Today));

        Assert.Equal(DiagnosticCodes.Versions.BundleExists, exception.Diagnostics[0].Code);
    }

    [Fact]
    public void A_file_with_errors_is_not_touched()
    {
        var broken = Shipped.Replace("core = \"3.2.1\"", "core = \"v3.2.1\"", StringComparison.Ordinal);

        var exception = Assert.Throws<UserErrorException>(() => BundleCutter.Plan(
            broken, "versions.toml", Request("stable-4.0", "4.0.0", "3.0.0", "2.0.0"), Today));

        Assert.Equal(
            [DiagnosticCodes.Versions.BadVersion, DiagnosticCodes.Versions.ChangeRefused],
            exception.Diagnostics.Select(item => item.Code));
    }

    [Fact]
    public void Extensions_of_different_majors_get_one_range_holding_them_all()
    {
        var plan = BundleCutter.Plan(
            Shipped, "versions.toml", Request("stable-4.0", "4.0.0", "3.0.0", "2.0.0", "mongodb@2.0.0", "redis@1.1.0"), Today);

        Assert.Contains("extensions = \">=1.1, <3\"", plan.Additions[0], StringComparison.Ordinal);
        Assert.False(plan.IsRefused, string.Join('\n', plan.Diagnostics));
    }

    // The generated ranges are carets of the given versions; where a number has no next one the range cannot be
    // written, and the request is refused as a bad option instead of crashing (was ArgumentOutOfRangeException).
    [Theory]
    [InlineData("--core=2147483647.0.0", "2147483647.0.0", "3.0.0", "2.0.0", null)]
    [InlineData("--platform=2147483647.2147483647.0", "4.0.0", "2147483647.2147483647.0", "2.0.0", null)]
    [InlineData("--workspace=2147483647.0.0", "4.0.0", "3.0.0", "2147483647.0.0", null)]
    [InlineData("--extensions", "4.0.0", "3.0.0", "2.0.0", "redis@2147483647.0.0")]
    [InlineData("--extensions", "4.0.0", "3.0.0", "2.0.0", "mongodb@1.0.0,redis@2147483647.0.0")]
    [InlineData("--extensions", "4.0.0", "3.0.0", "2.0.0", "mongodb@0.2147483647.0")]
    public void Versions_whose_range_has_no_end_are_refused_as_options(
        string option, string core, string platform, string workspace, string? extensions)
    {
        var request = Request("stable-big", core, platform, workspace, extensions is null ? [] : extensions.Split(','));

        var exception = Assert.Throws<UserErrorException>(() => BundleCutter.Plan(Shipped, "versions.toml", request, Today));

        var error = Assert.Single(exception.Diagnostics);
        Assert.Equal(DiagnosticCodes.Versions.BadOption, error.Code);
        Assert.StartsWith(option + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("largest number a version can have", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Fix);
    }

    [Fact]
    public void Large_versions_that_have_a_next_one_are_cut()
    {
        var plan = BundleCutter.Plan(
            Shipped, "versions.toml", Request("stable-big", "2147483646.0.0", "2147483646.5.0", "2.0.0", "redis@2147483646.0.0"), Today);

        Assert.False(plan.IsRefused, string.Join('\n', plan.Diagnostics));
        Assert.Contains("platform = \"^2147483646.5\", extensions = \"^2147483646.0\"", plan.Additions[0], StringComparison.Ordinal);
    }

    private static NewBundleRequest Request(string id, string core, string platform, string workspace, params string[] extensions) =>
        new(
            id,
            null,
            NuGetVersion.Parse(core),
            NuGetVersion.Parse(platform),
            NuGetVersion.Parse(workspace),
            [.. extensions.Select(text => ExtensionPin.TryParse(text, out var pin, out _) ? pin : throw new ArgumentException(text))],
            new DateOnly(2026, 12, 1),
            null);

    // Every line of the old text is still there, in order and unchanged: the diff only adds.
    private static void AssertOnlyAdded(string before, string after)
    {
        var diff = UnifiedDiff.Create(before, after, "a", "b");
        Assert.NotEmpty(diff);
        Assert.DoesNotContain(diff.Split('\n').Skip(2), line => line.StartsWith('-'));
        Assert.True(after.Length > before.Length);
    }
}
