using Distribution.Adapters.Git;
using Distribution.Core.Diagnostics;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

public sealed class GitHistoryTests
{
    [Fact]
    public async Task Range_between_tags_lists_the_commits_newest_first_with_full_messages_and_parents()
    {
        using var temp = new TempDirectory("history");
        var repository = await TestRepository.CreateAsync(temp.Combine("repo"));
        await repository.CommitAsync("feat: first");
        await repository.TagAsync("v1.0.0");
        var fix = await repository.CommitAsync(
            "fix(cli): second\n\nA body paragraph.\n\nAnother one, with a \u001f odd byte and ünïcödé.\n\nRefs: #4",
            author: "Bo Reviewer");
        var bot = await repository.CommitAsync("chore(deps): bump x", author: "dependabot[bot]");
        await repository.TagAsync("v1.1.0");
        await repository.CommitAsync("feat: after the tag");

        var commits = await GitHistory.ReadAsync(repository.Path, "v1.0.0", "v1.1.0", string.Empty, CancellationToken.None);

        Assert.Equal([bot, fix], commits.Select(commit => commit.Sha));
        var second = commits[1];
        Assert.Equal(
            "fix(cli): second\n\nA body paragraph.\n\nAnother one, with a \u001f odd byte and ünïcödé.\n\nRefs: #4", second.Message);
        Assert.Equal("Bo Reviewer", second.AuthorName);
        Assert.Equal("bo.reviewer@example.com", second.AuthorEmail);
        Assert.Equal("Release Bot", second.CommitterName);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 6, 0, TimeSpan.Zero), second.AuthorDate); // the seventh git call: one minute each
        Assert.Single(second.Parents);
        Assert.True(commits[0].IsBot);
    }

    [Fact]
    public async Task Merge_commits_come_with_both_parents()
    {
        using var temp = new TempDirectory("history");
        var repository = await TestRepository.CreateAsync(temp.Combine("repo"));
        await repository.CommitAsync("feat: base");
        await repository.TagAsync("v1.0.0");
        await repository.GitAsync("checkout", "--quiet", "-b", "topic");
        var topic = await repository.CommitAsync("feat: on a branch", file: "topic.txt");
        await repository.GitAsync("checkout", "--quiet", "main");
        var main = await repository.CommitAsync("fix: on main");
        var merge = await repository.MergeAsync("topic", "Merge branch 'topic'");

        var commits = await GitHistory.ReadAsync(repository.Path, "v1.0.0", "HEAD", string.Empty, CancellationToken.None);

        Assert.Equal([merge, main, topic], commits.Select(commit => commit.Sha).ToArray());
        Assert.True(commits[0].IsMerge);
        Assert.Equal([main, topic], commits[0].Parents.ToArray());
    }

    [Fact]
    public async Task Path_filter_keeps_only_commits_touching_the_folder()
    {
        using var temp = new TempDirectory("history");
        var repository = await TestRepository.CreateAsync(temp.Combine("repo"));
        await repository.CommitAsync("feat(mongodb): start", file: "mongodb/main.nu");
        await repository.CommitAsync("feat(redis): start", file: "redis/main.nu");
        await repository.TagAsync("mongodb/v1.0.0");
        var mongodb = await repository.CommitAsync("fix(mongodb): quote", file: "mongodb/main.nu");
        await repository.CommitAsync("fix(redis): quote", file: "redis/main.nu");
        await repository.CommitAsync("docs: root readme");
        await repository.TagAsync("mongodb/v1.1.0");

        var commits = await GitHistory.ReadAsync(repository.Path, "mongodb/v1.0.0", "mongodb/v1.1.0", "mongodb/", CancellationToken.None);

        Assert.Equal([mongodb], commits.Select(commit => commit.Sha).ToArray());
    }

    [Fact]
    public async Task Without_a_start_the_whole_history_up_to_the_tag_is_read()
    {
        using var temp = new TempDirectory("history");
        var repository = await TestRepository.CreateAsync(temp.Combine("repo"));
        var first = await repository.CommitAsync("Initial commit");
        var second = await repository.CommitAsync("feat: two");
        await repository.TagAsync("v0.1.0");

        var commits = await GitHistory.ReadAsync(repository.Path, null, "v0.1.0", string.Empty, CancellationToken.None);

        Assert.Equal([second, first], commits.Select(commit => commit.Sha).ToArray());
        Assert.Empty(commits[1].Parents);
    }

    [Fact]
    public async Task Missing_tag_is_a_user_error_naming_the_range()
    {
        using var temp = new TempDirectory("history");
        var repository = await TestRepository.CreateAsync(temp.Combine("repo"));
        await repository.CommitAsync("feat: one");
        await repository.TagAsync("v1.0.0");

        var error = await Assert.ThrowsAsync<UserErrorException>(() => GitHistory.ReadAsync(
            repository.Path, "v0.9.0", "v1.0.0", string.Empty, CancellationToken.None));

        Assert.Equal("RN010", error.Diagnostics.Single().Code);
        Assert.Contains("v0.9.0..v1.0.0", error.Diagnostics.Single().Message, StringComparison.Ordinal);
        Assert.Null(await GitHistory.ResolveAsync(repository.Path, "v0.9.0", CancellationToken.None));
        Assert.Equal(await repository.HeadAsync(), await GitHistory.ResolveAsync(repository.Path, "v1.0.0", CancellationToken.None));
    }
}
