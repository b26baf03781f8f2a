using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;

namespace Distribution.Integration.Tests.Sources;

/// <summary>Where each repository's mirror lives: one folder per repository, even when two URLs end alike.</summary>
public sealed class MirrorNameTests
{
    private static readonly SourceCache Cache = new("/repo", "/cache", new SampleRepositories("/repo/samples", "/cache/samples", GitCli.Default), GitCli.Default);

    [Fact]
    public void Repositories_whose_urls_end_alike_get_a_mirror_each()
    {
        var a = Mirror("https://github.com/a/core.git");
        var b = Mirror("https://github.com/b/core.git");

        Assert.NotEqual(a, b);
        Assert.Matches(@"^core-[0-9a-f]{8}\.git$", Path.GetFileName(a));
        Assert.Matches(@"^core-[0-9a-f]{8}\.git$", Path.GetFileName(b));
        Assert.Equal(Path.Combine("/cache", "mirrors"), Path.GetDirectoryName(a));
    }

    [Fact]
    public void A_mirror_name_is_stable_and_the_same_with_a_trailing_slash()
    {
        Assert.Equal(Mirror("git@example.com:tools/provisioning-platform.git"), Mirror("git@example.com:tools/provisioning-platform.git"));
        Assert.Equal(Mirror("https://example.com/x/workspace/"), Mirror("https://example.com/x/workspace"));
        Assert.StartsWith("provisioning-platform-", Path.GetFileName(Mirror("git@example.com:tools/provisioning-platform.git")), StringComparison.Ordinal);
        Assert.NotEqual(Mirror("../remotes/core"), Mirror("/srv/remotes/core"));
    }

    [Fact]
    public void Sample_mirrors_keep_their_plain_names()
    {
        Assert.Equal(Path.Combine("/cache", "mirrors", "provisioning-core.git"), Mirror("sample:provisioning-core"));
    }

    private static string Mirror(string repository) =>
        Cache.MirrorPathOf(new ComponentSource(ComponentKind.Core, repository, "v{version}", string.Empty, string.Empty));
}
