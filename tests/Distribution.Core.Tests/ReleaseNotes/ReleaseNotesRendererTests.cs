using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Testing;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.CommitSamples;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class ReleaseNotesRendererTests
{
    [Fact]
    public void Bundle_notes_show_the_table_breaking_changes_first_and_a_section_per_component()
    {
        Snapshot.Match(ReleaseNotesRenderer.RenderBundle(SampleNotes.Notes()), "md");
    }

    [Fact]
    public void Without_a_web_url_references_stay_plain_text()
    {
        var markdown = ReleaseNotesRenderer.RenderBundle(SampleNotes.Notes(webUrl: string.Empty));

        Assert.Contains("- **cli:** exit 1 on a missing workspace (#131) (0000009)", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("](", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_request_titles_that_differ_and_authors_are_shown_beside_the_link()
    {
        var markdown = ReleaseNotesRenderer.RenderBundle(SampleNotes.Notes(pullRequests: SampleNotes.PullRequests));

        Assert.Contains(
            "exit 1 on a missing workspace ([#131](https://github.com/example/provisioning-core/pull/131): "
                + "Exit with 1 when the workspace is missing by @bo)",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains(
            "read settings from provisioning.k ([#130](https://github.com/example/provisioning-core/pull/130) by @ann-example)",
            markdown,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_release_date_is_the_bundles_and_a_first_release_says_so()
    {
        var notes = new BundleNotes(SampleNotes.Previous, null,
            [.. ComponentRange.Between(SampleNotes.Previous, null).Select(range => new ComponentChanges(
                range.Component, range.From, range.To, [], []))]);

        var markdown = ReleaseNotesRenderer.RenderBundle(notes);

        Assert.StartsWith(
            "# Stable 3.1 Bundle\n\n`stable-3.1` · stable bundle · released 2025-06-01 · first release: nothing to compare with\n",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("| core | — | 3.1.0 | added |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Component_notes_stand_alone()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Platform, NuGetVersion.Parse("2.4.0"), NuGetVersion.Parse("2.4.8"),
            [Commit(1, "fix(api): close idle connections"), Commit(2, "Bump version")], "https://github.com/example/platform");

        Snapshot.Match(ReleaseNotesRenderer.RenderComponent(changes), "md");
    }

    [Fact]
    public void An_upgrade_with_only_merges_and_bot_commits_says_so()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Platform, NuGetVersion.Parse("2.4.0"), NuGetVersion.Parse("2.4.1"),
            [Commit(1, "Merge branch 'x'", parents: 2), Commit(2, "chore: bump", author: "renovate[bot]")]);

        Assert.Equal(
            "# platform 2.4.0 → 2.4.1\n\nNo changes besides merges and automated updates.\n",
            ReleaseNotesRenderer.RenderComponent(changes));
    }

    [Fact]
    public void Raw_html_is_escaped_outside_code_spans_only()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("1.0.1"),
            [Commit(1, "fix: keep `a<b>` literal and <script> out")]);

        Assert.Contains(
            "- keep `a<b>` literal and &lt;script> out (0000001)", ReleaseNotesRenderer.RenderComponent(changes), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_entries_show_their_type_and_non_conventional_ones_their_subject()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("1.0.1"),
            [Commit(1, "docs(kcl): explain checks"), Commit(2, "Update README"), Commit(3, "chore: tidy")]);

        var markdown = ReleaseNotesRenderer.RenderComponent(changes);

        Assert.Contains(
            "- **docs(kcl):** explain checks (0000001)\n- Update README (0000002)\n- **chore:** tidy (0000003)\n",
            markdown,
            StringComparison.Ordinal);
    }
}
