using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>Release notes made from the generated sample repositories, end to end through git.</summary>
public sealed class SampleReleaseNotesTests(SampleRepositoriesFixture samples) : IClassFixture<SampleRepositoriesFixture>
{
    [Fact]
    public async Task Stable_upgrade_with_a_breaking_change_renders_the_bundle_notes()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        Snapshot.Match(ScrubHashes(result.Markdown), "md");
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task Stable_upgrade_changelog_entry()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        Snapshot.Match(ScrubHashes(result.ChangelogEntry), "md");
    }

    [Fact]
    public async Task Breaking_change_of_core_is_listed_first_with_its_footer_text()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        var core = Changes(result, ComponentId.Core);
        var breaking = Assert.Single(core.In(ChangeCategory.Breaking));
        Assert.Equal("cli", breaking.Parsed.Scope);
        Assert.Contains("settings.toml is no longer read; move its values to settings.k.", breaking.Parsed.BreakingChanges);
        Assert.True(result.Markdown.IndexOf(
            "## Breaking changes", StringComparison.Ordinal) < result.Markdown.IndexOf("## core ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monorepo_extension_notes_hold_only_commits_touching_its_folder()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        var mongodb = Changes(result, ComponentId.Extension("mongodb"));
        Assert.NotEmpty(mongodb.Entries);
        Assert.All(mongodb.Entries, entry => Assert.DoesNotContain("redis", entry.Commit.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("mongodb/v0.9.2", "mongodb/v1.2.0"), (mongodb.FromTag, mongodb.ToTag));
    }

    [Fact]
    public async Task Unchanged_and_added_components_are_shown_as_such()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        Assert.Equal(ComponentChangeKind.Unchanged, Changes(result, ComponentId.Workspace).Kind);
        Assert.Equal(ComponentChangeKind.Added, Changes(result, ComponentId.Extension("azure")).Kind);
        Assert.Contains("| workspace | 1.4.0 | 1.4.0 | unchanged |", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("| ext-azure | — | 1.3.0 | added |", result.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_conventional_commit_appears_under_other_and_merge_and_bot_commits_are_left_out()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31);

        var core = Changes(result, ComponentId.Core);
        Assert.Contains(core.In(ChangeCategory.Other), entry => entry.Commit.Subject == "Update README");
        Assert.DoesNotContain(core.Entries, entry => entry.Commit.IsMerge || entry.Commit.IsBot);
        Assert.True(core.Skipped >= 2, $"the merge of #52 and the dependabot bump are skipped (skipped {core.Skipped})");
        Assert.DoesNotContain("Merge pull request #52", result.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("dependabot", result.Markdown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Lts_notes_since_a_stable_bundle_show_downgrades_and_removals()
    {
        var result = await CollectAsync(SampleRepositoriesFixture.Lts31, SampleRepositoriesFixture.Stable31);

        Snapshot.Match(ScrubHashes(result.Markdown), "md");
    }

    [Fact]
    public async Task Links_to_pull_requests_and_commits_appear_when_the_web_url_is_known()
    {
        var service = new ReleaseNotesService(samples.MirrorAsync);
        var result = await service.CollectAsync(
            SampleRepositoriesFixture.Stable32,
            SampleRepositoriesFixture.Stable31,
            SampleRepositoriesFixture.Sources("example"),
            CancellationToken.None);

        Assert.Contains("([#55](https://github.com/example/provisioning-core/pull/55))", result.Markdown, StringComparison.Ordinal);
        Assert.Contains(
            "**Full diff:** [v3.1.0...v3.2.1](https://github.com/example/provisioning-core/compare/v3.1.0...v3.2.1)",
            result.Markdown,
            StringComparison.Ordinal);
    }

    /// <summary>Commit ids depend on every byte of the samples' files; the snapshots hold what the notes say about them.</summary>
    internal static string ScrubHashes(string text) =>
        System.Text.RegularExpressions.Regex.Replace(
            text, @"\b[0-9a-f]{40}\b|\b[0-9a-f]{7}\b", match => match.Length == 40 ? "{commit}" : "{short}");

    private static ComponentChanges Changes(ReleaseNotesResult result, ComponentId component) =>
        result.Notes.Components.Single(item => item.Component == component);

    private Task<ReleaseNotesResult> CollectAsync(BundleSpec bundle, BundleSpec previous) =>
        new ReleaseNotesService(samples.MirrorAsync).CollectAsync(
            bundle, previous, SampleRepositoriesFixture.Sources(), CancellationToken.None);
}
