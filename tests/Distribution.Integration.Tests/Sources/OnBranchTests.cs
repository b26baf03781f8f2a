using System.Text;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

/// <summary>SRC022, a tagged commit on no branch: asked once per mirror for all its commits, and never guessed.</summary>
public sealed class OnBranchTests
{
    [UnixOnlyFact("the recording git is a POSIX shell script")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_tag_moved_to_a_commit_on_no_branch_is_warned_about_and_the_others_are_not()
    {
        using var git = new RecordingGit();
        using var testbed = new SourceTestbed(git.Git);
        var remote = await testbed.CopyOfSampleAsync("provisioning-extensions");
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Extension, new ComponentSource(ComponentKind.Extension, remote, "{name}/v{version}", "{name}", string.Empty));
        var orphan = await SourceTestbed.CopyOfTaggedCommitAsync(remote, "redis/v1.1.0");
        await SourceTestbed.Git.RunCheckedAsync(remote, ["tag", "-f", "redis/v1.1.0", orphan], CancellationToken.None);
        git.Clear();

        var result = await testbed.FetchAsync(SourceTestbed.Bundle(
            "b", "core@3.2.1", "ext-azure@1.3.0", "ext-mongodb@1.2.0", "ext-redis@1.1.0"));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("SRC022", warning.Code);
        Assert.Equal($"ext-redis@1.1.0: commit {orphan} of tag 'redis/v1.1.0' is on no branch of {remote}", warning.Message);
        Assert.Equal(1, git.Count("rev-list --not --branches --not --end-of-options "));
        Assert.Equal(2, git.Count("for-each-ref --count=1 --contains ")); // the core's one commit, and the listed one checked again
        Assert.Contains(
            git.Commands, command => command.StartsWith("for-each-ref --count=1 --contains " + orphan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_commit_that_a_walk_with_skewed_dates_misses_is_still_known_to_be_on_a_branch()
    {
        using var directory = new TempDirectory("skew");
        var repository = directory.Combine("skew.git");
        var git = SourceTestbed.Git;
        await git.RunCheckedAsync(null, ["init", "--quiet", "--bare", repository], CancellationToken.None);
        await git.RunCheckedAsync(repository, ["fast-import", "--quiet"], CancellationToken.None, Encoding.UTF8.GetBytes(SkewedHistory()));
        var tagged = (await git.RunCheckedAsync(repository, ["rev-parse", "v1.0.0^{commit}"], CancellationToken.None)).Trim();
        var side = (await git.RunCheckedAsync(repository, ["rev-parse", "side~3"], CancellationToken.None)).Trim();
        var orphan = (await git.RunCheckedAsync(repository, ["rev-parse", "v2.0.0^{commit}"], CancellationToken.None)).Trim();

        // The plain walk stops before it reaches the tagged commit from main: on its own it would call it unreachable.
        var walk = await git.RunCheckedAsync(repository, ["rev-list", tagged, "--not", "--branches"], CancellationToken.None);
        var found = await git.OnBranchAsync(repository, [tagged, side, orphan], CancellationToken.None);

        Assert.Contains(tagged, walk, StringComparison.Ordinal);
        Assert.True(await git.IsOnBranchAsync(repository, tagged, CancellationToken.None));
        Assert.True(found[tagged]);
        Assert.True(found[side]);
        Assert.False(found[orphan]);
    }

    /// <summary>
    /// main: R → C (tagged v1.0.0) → W → X, whose committer date is 1990 → Y0…Y2 (2021); side: eight commits of 2000
    /// with no common history; v2.0.0 on a commit no branch has. Walking down from the branches by date, the side's
    /// commits come before X and end the walk before X makes C reachable.
    /// </summary>
    private static string SkewedHistory()
    {
        var text = new StringBuilder();
        void Commit(string branch, int mark, long date, string message, int? parent)
        {
            text.Append(
                System.Globalization.CultureInfo.InvariantCulture,
                $"commit refs/heads/{branch}\nmark :{mark}\ncommitter T <t@example.com> {date} +0000\ndata {message.Length}\n{message}\n");
            if (parent is { } from)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"from :{from}\n");
            }

            text.Append('\n');
        }

        Commit("main", 1, 1577836800, "R", null);
        Commit("main", 2, 1580515200, "C", 1);
        Commit("main", 3, 1583020800, "W", 2);
        Commit("main", 4, 631152000, "X", 3);
        for (var i = 0; i < 3; i++)
        {
            Commit("main", 10 + i, 1609459200 + (i * 86400), $"Y{i}", i == 0 ? 4 : 9 + i);
        }

        for (var i = 0; i < 8; i++)
        {
            Commit("side", 30 + i, 946684800 + (i * 86400), $"Z{i}", i == 0 ? null : 29 + i);
        }

        Commit("gone", 50, 1590000000, "O", 2);
        text.Append("reset refs/tags/v1.0.0\nfrom :2\n\nreset refs/tags/v2.0.0\nfrom "
            + ":50\n\nreset refs/heads/gone\nfrom 0000000000000000000000000000000000000000\n\n");
        return text.ToString();
    }
}
