using Distribution.Core.ReleaseNotes;
using Distribution.Testing;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class ChangelogTests
{
    private const string Existing =
        "# Changelog\n\nHand-written intro.\n\n## [Unreleased]\n\n### Added\n- something in progress\n\n"
        + "## [stable-3.1] - 2025-06-01\n\n### Added\n- the first bundle\n\n"
        + "## [lts-3.0] - 2025-01-10\n\n- older   text with  odd spacing\t\n\n"
        + "[Unreleased]: https://example.com/compare/stable-3.1...HEAD\n[stable-3.1]: https://example.com/releases/stable-3.1\n";

    private static string Entry => ChangelogRenderer.RenderEntry(SampleNotes.Notes());

    [Fact]
    public void Entry_follows_keep_a_changelog()
    {
        Snapshot.Match(Entry, "md");
    }

    [Fact]
    public void A_missing_changelog_gets_the_header_and_the_entry()
    {
        var text = ChangelogUpdater.Update(null, "stable-3.2", Entry);

        Assert.Equal(ChangelogRenderer.Header + "\n" + Entry, text);
    }

    [Fact]
    public void New_entry_goes_below_unreleased_and_every_existing_byte_is_kept()
    {
        var text = ChangelogUpdater.Update(Existing, "stable-3.2", Entry);

        var at = Existing.IndexOf("## [stable-3.1]", StringComparison.Ordinal);
        Assert.Equal(Existing[..at] + Entry + "\n" + Existing[at..], text);
    }

    [Fact]
    public void Running_twice_leaves_one_entry_for_the_release()
    {
        var once = ChangelogUpdater.Update(Existing, "stable-3.2", Entry);
        var twice = ChangelogUpdater.Update(once, "stable-3.2", Entry);

        Assert.Equal(once, twice);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(
            twice, @"^## \[stable-3\.2\]", System.Text.RegularExpressions.RegexOptions.Multiline));
    }

    [Fact]
    public void An_existing_entry_for_the_release_is_replaced_in_place()
    {
        var text = ChangelogUpdater.Update(Existing, "stable-3.1", "## [stable-3.1] - 2025-06-02\n\n- regenerated\n");

        Assert.Equal(
            Existing.Replace(
                "## [stable-3.1] - 2025-06-01\n\n### Added\n- the first bundle\n",
                "## [stable-3.1] - 2025-06-02\n\n- regenerated\n",
                StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void The_last_entry_is_replaced_without_touching_the_link_references()
    {
        var text = ChangelogUpdater.Update(Existing, "lts-3.0", "## [lts-3.0] - 2025-01-10\n\n- new\n");

        Assert.EndsWith(
            "## [stable-3.1] - 2025-06-01\n\n### Added\n- the first bundle\n\n## [lts-3.0] - 2025-01-10\n\n- new\n\n[Unreleased]: "
                + "https://example.com/compare/stable-3.1...HEAD\n[stable-3.1]: https://example.com/releases/stable-3.1\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_changelog_with_only_a_header_gets_the_entry_at_the_end_before_link_references()
    {
        var text = ChangelogUpdater.Update("# Changelog\n\n[Keep]: https://keepachangelog.com\n", "stable-3.2", "## [stable-3.2]\n\n- x\n");

        Assert.Equal("# Changelog\n\n## [stable-3.2]\n\n- x\n\n[Keep]: https://keepachangelog.com\n", text);
    }

    [Fact]
    public void A_file_without_a_final_newline_keeps_its_bytes_and_gains_the_entry_after_a_blank_line()
    {
        var text = ChangelogUpdater.Update("# Changelog\n\nIntro", "stable-3.2", "## [stable-3.2]\n\n- x\n");

        Assert.Equal("# Changelog\n\nIntro\n\n## [stable-3.2]\n\n- x\n", text);
    }

    [Fact]
    public void Crlf_files_stay_crlf()
    {
        var crlf = Existing.Replace("\n", "\r\n", StringComparison.Ordinal);

        var text = ChangelogUpdater.Update(crlf, "stable-3.2", "## [stable-3.2]\n\n- x\n");

        var at = crlf.IndexOf("## [stable-3.1]", StringComparison.Ordinal);
        Assert.Equal(crlf[..at] + "## [stable-3.2]\r\n\r\n- x\r\n\r\n" + crlf[at..], text);
    }

    [Fact]
    public void Headings_inside_code_fences_are_not_entries()
    {
        const string Text = "# Changelog\n\n```md\n## [stable-3.2]\n```\n\n## [stable-3.1]\n\n- a\n";

        var text = ChangelogUpdater.Update(Text, "stable-3.2", "## [stable-3.2]\n\n- x\n");

        Assert.Equal("# Changelog\n\n```md\n## [stable-3.2]\n```\n\n## [stable-3.2]\n\n- x\n\n## [stable-3.1]\n\n- a\n", text);
    }
}
