using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.CommitSamples;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class ReleaseNotesBuilderTests
{
    [Fact]
    public void Merge_and_bot_commits_are_skipped_and_counted()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("1.1.0"),
        [
            Commit(1, "Merge branch 'feature/x'", parents: 2),
            Commit(2, "chore(deps): bump yaml from 1.0 to 1.1", author: "dependabot[bot]"),
            Commit(3, "feat: keep me"),
        ]);

        Assert.Equal([Sha(3)], changes.Entries.Select(entry => entry.Commit.Sha));
        Assert.Equal(2, changes.Skipped);
        Assert.Equal(["Ann Example"], changes.Contributors.ToArray());
    }

    [Fact]
    public void Non_conventional_commits_are_kept_under_other()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, null, NuGetVersion.Parse("1.0.0"), [Commit(1, "Update README")]);

        var entry = Assert.Single(changes.Entries);
        Assert.Equal(ChangeCategory.Other, entry.Category);
        Assert.Equal("Update README", entry.Parsed.Description);
    }

    [Fact]
    public void Each_commit_lands_in_one_section_breaking_first_keeping_log_order_inside()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("2.0.0"),
        [
            Commit(1, "docs: typo"),
            Commit(2, "fix: second fix"),
            Commit(3, "feat!: breaking feature"),
            Commit(4, "perf: faster"),
            Commit(5, "fix: first fix"),
            Commit(6, "feat: plain feature"),
        ]);

        Assert.Equal(
            [
                (ChangeCategory.Breaking, 3),
                (ChangeCategory.Feature, 6),
                (ChangeCategory.Fix, 2),
                (ChangeCategory.Fix, 5),
                (ChangeCategory.Performance, 4),
                (ChangeCategory.Other, 1)],
            changes.Entries.Select(entry => (entry.Category, Number(entry))));
    }

    [Fact]
    public void Contributors_include_co_authors_once_and_leave_bots_out()
    {
        var changes = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("1.0.0"), NuGetVersion.Parse("1.0.1"),
        [
            Commit(
                1,
                "fix: a\n\nCo-authored-by: bob builder <bob@example.com>\nCo-authored-by: renovate[bot] <bot@example.com>",
                author: "Cy"),
            Commit(2, "fix: b", author: "Bob Builder"),
            Commit(3, "fix: c"),
        ]);

        Assert.Equal(["Ann Example", "bob builder", "Cy"], changes.Contributors.ToArray());
    }

    [Fact]
    public void Pull_request_numbers_come_from_the_subject()
    {
        var entry = ReleaseNotesBuilder.Classify(Commit(1, "feat(api): paging (#123)\n\nSee also (#5)."));

        Assert.Equal([123], entry.PullRequests.ToArray());
    }

    [Fact]
    public void Kind_follows_the_versions()
    {
        ComponentChangeKind Kind(string? from, string? to) =>
            new ComponentChanges(
                ComponentId.Core, from is null ? null : NuGetVersion.Parse(from), to is null ? null : NuGetVersion.Parse(to), [], []).Kind;

        Assert.Equal(ComponentChangeKind.Upgraded, Kind("1.0.0", "1.0.1"));
        Assert.Equal(ComponentChangeKind.Downgraded, Kind("1.0.1", "1.0.0"));
        Assert.Equal(ComponentChangeKind.Unchanged, Kind("1.0.0", "1.0.0"));
        Assert.Equal(ComponentChangeKind.Added, Kind(null, "1.0.0"));
        Assert.Equal(ComponentChangeKind.Removed, Kind("1.0.0", null));
    }

    private static int Number(ChangeEntry entry)
        => int.Parse(entry.Commit.Sha[..7], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
}
