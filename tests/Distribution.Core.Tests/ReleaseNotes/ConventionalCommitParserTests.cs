using Distribution.Core.ReleaseNotes;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class ConventionalCommitParserTests
{
    [Fact]
    public void Header_gives_type_scope_and_description()
    {
        var commit = ConventionalCommitParser.Parse("feat(cli): add --offline flag\n");

        Assert.True(commit.IsConventional);
        Assert.Equal("feat", commit.Type);
        Assert.Equal("cli", commit.Scope);
        Assert.Equal("add --offline flag", commit.Description);
        Assert.False(commit.IsBreaking);
        Assert.Empty(commit.Body);
        Assert.Empty(commit.Footers.ToArray());
    }

    [Fact]
    public void Type_is_read_case_insensitively_and_scope_is_optional()
    {
        var commit = ConventionalCommitParser.Parse("Fix: handle empty inventory");

        Assert.Equal("fix", commit.Type);
        Assert.Equal(string.Empty, commit.Scope);
        Assert.Equal("handle empty inventory", commit.Description);
    }

    [Fact]
    public void Bang_marks_a_breaking_change_described_by_the_description()
    {
        var commit = ConventionalCommitParser.Parse("refactor(api)!: drop the v1 endpoints");

        Assert.True(commit.IsBreaking);
        Assert.Equal(["drop the v1 endpoints"], commit.BreakingChanges.ToArray());
    }

    [Fact]
    public void Breaking_change_footer_marks_a_commit_without_bang_and_keeps_its_multi_paragraph_value()
    {
        var message = "feat(config): read settings from provisioning.k\n\nThe loader now prefers KCL.\n\nIt falls back to YAML.\n\n"
            + "BREAKING CHANGE: settings.yaml is no longer read first.\n\nMove your settings to "
                + "provisioning.k.\n\nRefs: #41\nCo-authored-by: Ann Example <ann@example.com>\n";

        var commit = ConventionalCommitParser.Parse(message);

        Assert.True(commit.IsBreaking);
        Assert.Equal("The loader now prefers KCL.\n\nIt falls back to YAML.", commit.Body);
        Assert.Equal(
            [
                new CommitFooter("BREAKING CHANGE", "settings.yaml is no longer read first.\n\nMove your settings to provisioning.k."),
                new CommitFooter("Refs", "#41"),
                new CommitFooter("Co-authored-by", "Ann Example <ann@example.com>"),
            ],
            commit.Footers.ToArray());
        Assert.Equal(["settings.yaml is no longer read first.\n\nMove your settings to provisioning.k."], commit.BreakingChanges.ToArray());
    }

    [Fact]
    public void Hyphenated_breaking_change_token_is_a_synonym()
    {
        var commit = ConventionalCommitParser.Parse("fix: tighten permissions\n\nBREAKING-CHANGE: the cache folder must be private");

        Assert.True(commit.IsBreaking);
        Assert.Equal(["the cache folder must be private"], commit.BreakingChanges.ToArray());
        Assert.Empty(commit.Body);
    }

    [Fact]
    public void Footers_with_hash_separator_and_multi_line_values_are_read()
    {
        var commit = ConventionalCommitParser.Parse("fix(ssh): retry on reset\n\nBody "
            + "line one\nbody line two\n\nCloses #12\nReviewed-by: Bo\n  and Cy\n");

        Assert.Equal("Body line one\nbody line two", commit.Body);
        Assert.Equal([new CommitFooter("Closes", "12"), new CommitFooter("Reviewed-by", "Bo\nand Cy")], commit.Footers.ToArray());
        Assert.False(commit.IsBreaking);
    }

    [Fact]
    public void Body_paragraph_that_only_mentions_a_colon_in_the_middle_stays_body()
    {
        var commit = ConventionalCommitParser.Parse("docs: explain tags\n\nTags "
            + "look like this: v1.2.3.\n\nSigned-off-by: Dee <dee@example.com>");

        Assert.Equal("Tags look like this: v1.2.3.", commit.Body);
        Assert.Equal([new CommitFooter("Signed-off-by", "Dee <dee@example.com>")], commit.Footers.ToArray());
    }

    [Theory]
    [InlineData("Update README")]
    [InlineData("Merge pull request #7 from ann/feature")]
    [InlineData("Revert \"feat: add x\"")]
    [InlineData("feat:missing space")]
    [InlineData("WIP fix: something")]
    public void Message_without_a_conventional_header_is_kept_whole(string subject)
    {
        var commit = ConventionalCommitParser.Parse(subject + "\n\nsome body\n\nRefs: #3");

        Assert.False(commit.IsConventional);
        Assert.Equal(subject, commit.Description);
        Assert.Equal("some body\n\nRefs: #3", commit.Body);
        Assert.False(commit.IsBreaking);
    }

    [Fact]
    public void Crlf_messages_parse_like_lf_ones()
    {
        var lf = ConventionalCommitParser.Parse("feat!: x\n\nbody\n\nRefs: #1\n");
        var crlf = ConventionalCommitParser.Parse("feat!: x\r\n\r\nbody\r\n\r\nRefs: #1\r\n");

        Assert.Equal(lf, crlf);
    }

    [Fact]
    public void Pull_request_references_are_the_parenthesised_numbers()
    {
        Assert.Equal([123, 7], ConventionalCommitParser.PullRequestReferences("feat: x (#123) see #99 (#7) (#123)").ToArray());
        Assert.Empty(ConventionalCommitParser.PullRequestReferences("fix: issue #12"));
    }
}
