using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// <c>--unreleased</c> on clones of the sample repositories with commits added on main after the newest tags: the next
/// version of each component and the commit that decides it.
/// </summary>
public sealed class UnreleasedTests(SampleRepositoriesFixture samples) : IClassFixture<SampleRepositoriesFixture>
{
    [Fact]
    public async Task Each_component_gets_the_next_version_its_commits_ask_for_and_the_deciding_commit()
    {
        using var temp = new TempDirectory("unreleased");
        var sources = SampleRepositoriesFixture.Sources();
        var core = await CloneAsync(temp, sources[ComponentKind.Core]);
        await core.CommitAsync("fix(cli): exit 1 on a missing workspace");
        var coreFeature = await core.CommitAsync("feat(status): show the workspace (#80)", "nulib/provisioning/status.nu");
        await core.CommitAsync("docs: explain the status");
        var extensions = await CloneAsync(temp, sources[ComponentKind.Extension]);
        var breaking = await extensions.CommitAsync("feat(mongodb)!: replica sets replace the single node", "mongodb/README.md");
        var redisFix = await extensions.CommitAsync("fix(redis): quote the password", "redis/README.md");
        await extensions.CommitAsync("chore(azure): tidy", "azure/README.md");
        var clones = new Dictionary<ComponentKind, string>
        {
            [ComponentKind.Core] = Path.Combine(core.Path, ".git"), [ComponentKind.Extension] = Path.Combine(extensions.Path, ".git")
        };
        var service = new ReleaseNotesService((source, token) =>
            clones.TryGetValue(source.Kind, out var clone) ? Task.FromResult(clone) : samples.MirrorAsync(source, token));

        var unreleased = await service.CollectUnreleasedAsync(
            [ComponentId.Core, ComponentId.Workspace, ComponentId.Extension("azure"), ComponentId.Extension("mongodb"),
                ComponentId.Extension("redis")],
            sources,
            CancellationToken.None);

        var byId = unreleased.ToDictionary(item => item.Changes.Component.Id);
        Assert.Equal(("3.3.0", "3.4.0", "minor"), Proposal(byId["core"]));
        Assert.Equal(coreFeature, byId["core"].Proposal.DecidedBy?.Commit.Sha);
        Assert.Equal(("v3.3.0", "main", 3), (byId["core"].Changes.FromTag, byId["core"].Branch, byId["core"].Changes.Entries.Length));
        Assert.Equal(("1.2.0", "2.0.0", "major"), Proposal(byId["ext-mongodb"]));
        Assert.Equal(breaking, byId["ext-mongodb"].Proposal.DecidedBy?.Commit.Sha);
        Assert.Equal(("1.1.0", "1.1.1", "patch"), Proposal(byId["ext-redis"]));
        Assert.Equal(redisFix, byId["ext-redis"].Proposal.DecidedBy?.Commit.Sha);
        Assert.Equal(("2.0.0", "—", "none"), Proposal(byId["ext-azure"]));
        Assert.Single(byId["ext-azure"].Changes.Entries);
        Assert.Equal(("1.4.0", "—", "none"), Proposal(byId["workspace"]));
        Assert.Empty(byId["workspace"].Changes.Entries);

        var markdown = UnreleasedRenderer.Render(unreleased);
        Assert.Contains(
            $"| core | 3.3.0 | main | 3 | 3.4.0 (minor) | {coreFeature[..7]} feat(status): show the workspace (#80) |",
            markdown,
            StringComparison.Ordinal);
        Assert.Contains("| workspace | 1.4.0 | main | 0 | — | nothing to release |", markdown, StringComparison.Ordinal);
        Assert.Contains("## ext-mongodb: main since mongodb/v1.2.0\n\n### Breaking changes\n", markdown, StringComparison.Ordinal);
    }

    private static (string, string, string) Proposal(UnreleasedComponent component) =>
        (component.Proposal.Current?.ToNormalizedString() ?? "—", component.Proposal.Next?.ToNormalizedString() ?? "—",
            component.Proposal.Bump);

    private async Task<TestRepository> CloneAsync(TempDirectory temp, ComponentSource source)
    {
        var path = temp.Combine(source.Kind.ToString());
        var mirror = await samples.MirrorAsync(source, CancellationToken.None);
        var clone = await CliProcess.RunAsync("git", ["clone", "--quiet", "--branch", "main", mirror, path], temp.Path);
        Assert.True(clone.ExitCode == 0, clone.Error);
        var repository = new TestRepository(path);
        await repository.GitAsync("fetch", "--quiet", "--tags", "origin");
        return repository;
    }
}
