using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.CommitSamples;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class VersionProposalTests
{
    [Theory]
    [InlineData("3.3.0", "4.0.0", "major", "feat(cli)!: drop settings.toml", "feat: a flag", "fix: a bug")]
    [InlineData("3.3.0", "3.4.0", "minor", "fix: a bug", "feat: a flag", "docs: a page")]
    [InlineData("3.3.0", "3.3.1", "patch", "perf: faster", "chore: tidy")]
    [InlineData("3.3.0", "3.3.1", "patch", "fix: a bug")]
    [InlineData("0.9.2", "0.10.0", "minor (breaking, 0.x)", "fix!: quote passwords", "feat: replica sets")]
    [InlineData("0.9.2", "0.9.3", "patch (0.x)", "feat: replica sets", "fix: a bug")]
    [InlineData("0.9.2", "0.9.3", "patch (0.x)", "perf: cache")]
    public void Next_version_follows_semver_from_the_strongest_commit(string current, string next, string bump, params string[] messages)
    {
        var changes = Changes(messages);

        var proposal = VersionProposal.For(changes, NuGetVersion.Parse(current));

        Assert.Equal(NuGetVersion.Parse(next), proposal.Next);
        Assert.Equal(bump, proposal.Bump);
    }

    [Fact]
    public void The_deciding_commit_is_the_newest_of_the_strongest_kind()
    {
        var changes = Changes("fix: newest", "feat: newer feature", "feat: older feature", "fix: oldest");

        var proposal = VersionProposal.For(changes, NuGetVersion.Parse("1.0.0"));

        Assert.Equal("feat: newer feature", proposal.DecidedBy?.Commit.Subject);
    }

    [Fact]
    public void Commits_that_are_not_user_facing_ask_for_no_release()
    {
        var proposal = VersionProposal.For(Changes("chore: tidy", "docs: a page", "Update README"), NuGetVersion.Parse("1.0.0"));

        Assert.Null(proposal.Next);
        Assert.Null(proposal.DecidedBy);
        Assert.Equal("none", proposal.Bump);
    }

    [Fact]
    public void A_component_never_released_starts_at_0_1_0()
    {
        var proposal = VersionProposal.For(Changes("feat!: everything"), current: null);

        Assert.Equal(new NuGetVersion(0, 1, 0), proposal.Next);
    }

    [Theory]
    [InlineData("v{version}", "core", "v3.2.1", "3.2.1")]
    [InlineData("v{version}", "core", "3.2.1", null)]
    [InlineData("{name}/v{version}", "ext-mongodb", "mongodb/v1.2.0", "1.2.0")]
    [InlineData("{name}/v{version}", "ext-mongodb", "redis/v1.1.0", null)]
    [InlineData("{name}/v{version}", "ext-mongodb", "mongodb/v1.3.0-rc.1", "1.3.0-rc.1")]
    public void Tags_read_back_into_versions_through_the_pattern(string pattern, string component, string tag, string? version)
    {
        var source = new ComponentSource(ComponentKind.Core, "sample:x", pattern, string.Empty, string.Empty);

        Assert.Equal(version, ReleaseTags.VersionOf(source, ComponentId.TryParse(component)!, tag)?.ToNormalizedString());
    }

    [Fact]
    public void Newest_release_leaves_out_prereleases_and_other_components()
    {
        var source = new ComponentSource(ComponentKind.Extension, "sample:x", "{name}/v{version}", "{name}", string.Empty);
        string[] tags = ["mongodb/v0.9.2", "mongodb/v1.2.0", "mongodb/v1.10.0-rc.1", "redis/v9.0.0", "mongodb/v1.10.0-beta"];

        var newest = ReleaseTags.Newest(source, ComponentId.Extension("mongodb"), tags);
        var below = ReleaseTags.Newest(source, ComponentId.Extension("mongodb"), tags, NuGetVersion.Parse("1.2.0"));

        Assert.Equal(("mongodb/v1.2.0", NuGetVersion.Parse("1.2.0")), newest);
        Assert.Equal(("mongodb/v0.9.2", NuGetVersion.Parse("0.9.2")), below);
    }

    private static ComponentChanges Changes(params string[] messages) =>
        ReleaseNotesBuilder.ForComponent(ComponentId.Core, null, null, messages.Select((message, index) => Commit(index + 1, message)));
}
