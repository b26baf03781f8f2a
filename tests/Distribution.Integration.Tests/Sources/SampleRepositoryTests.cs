using System.Text;
using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

public sealed class SampleRepositoryTests
{
    private static readonly string[] Names = [
        "provisioning-core", "provisioning-extensions", "provisioning-platform", "provisioning-platform-rs", "provisioning-workspace"];

    private static GitCli Git => GitCli.Default;

    [Fact]
    public async Task Samples_get_the_same_commit_ids_on_every_generation_and_carry_the_documented_tags()
    {
        using var first = new TempDirectory("gen1");
        using var second = new TempDirectory("gen2");
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples");
        var one = new SampleRepositories(samples, first.Path, Git);
        var two = new SampleRepositories(samples, second.Path, Git);
        Assert.Equal(Names, one.Names);

        var snapshot = new StringBuilder();
        foreach (var name in Names)
        {
            await one.GenerateAsync(name, one.PathOf(name), CancellationToken.None);
            await two.GenerateAsync(name, two.PathOf(name), CancellationToken.None);
            var refs = await Git.RefsAsync(one.PathOf(name), CancellationToken.None);
            Assert.Equal(refs, await Git.RefsAsync(two.PathOf(name), CancellationToken.None));
            snapshot.Append(name).Append('\n');
            foreach (var (tag, commit) in await Git.TagsAsync(one.PathOf(name), CancellationToken.None))
            {
                snapshot.Append("  ").Append(tag).Append(' ').Append(commit).Append('\n');
            }
        }

        Snapshot.Match(snapshot.ToString());
    }

    [Fact]
    public async Task Sample_histories_have_what_release_notes_must_handle()
    {
        using var testbed = new SourceTestbed();
        var log = new StringBuilder();
        foreach (var name in Names)
        {
            var repository = await testbed.Samples.EnsureAsync(name, CancellationToken.None);
            log.Append(await Git.RunCheckedAsync(repository, ["log", "--all", "--format=%an|%p|%B%x00"], CancellationToken.None));
        }

        var commits = log.ToString().Split('\0', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var authors = commits.Select(commit => commit.Split('|')[0]).Distinct().ToList();
        Assert.True(authors.Count(author => !author.Contains("[bot]", StringComparison.Ordinal)) >= 4, string.Join(", ", authors));
        Assert.Contains("dependabot[bot]", authors);
        Assert.Contains(
            commits,
            commit => commit.Split('|')[1].Contains(' ', StringComparison.Ordinal)
                && commit.Contains("Merge pull request #", StringComparison.Ordinal));
        Assert.Contains(
            commits,
            commit => commit.Contains(")!: ", StringComparison.Ordinal)
                && commit.Contains("\nBREAKING CHANGE: ", StringComparison.Ordinal));
        Assert.Contains(commits, commit => commit.EndsWith("|Update README", StringComparison.Ordinal));
        foreach (var kind in new[] { "|feat(", "|fix(", "|perf(", "|docs", "|chore(" })
        {
            Assert.Contains(commits, commit => commit.Contains(kind, StringComparison.Ordinal));
        }

        Assert.Contains(
            commits, commit => commit.Contains("(#", StringComparison.Ordinal) && commit.Contains("\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_extensions_commit_touches_one_extension_folder_or_only_the_root()
    {
        using var testbed = new SourceTestbed();
        var repository = await testbed.Samples.EnsureAsync("provisioning-extensions", CancellationToken.None);

        var output = await Git.RunCheckedAsync(
            repository, ["log", "--all", "--no-merges", "--format=%x00%s", "--name-only"], CancellationToken.None);

        var commits = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(commits.Length >= 15);
        foreach (var commit in commits)
        {
            var lines = commit.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var folders = lines.Skip(1)
                .Where(path => path.Contains('/', StringComparison.Ordinal))
                .Select(path => path.Split('/')[0])
                .Distinct()
                .ToList();
            Assert.True(folders.Count <= 1, $"'{lines[0]}' touches {string.Join(", ", folders)}");
        }
    }
}
