using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;

namespace Distribution.Integration.Tests.Sources;

/// <summary>Where each repository's mirror lives: one folder per repository, even when two URLs end alike.</summary>
public sealed class MirrorNameTests
{
    private static readonly SourceCache Cache = new(
        "/repo", "/cache", new SampleRepositories("/repo/samples", "/cache/samples", GitCli.Default), GitCli.Default);

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
    public void A_mirror_name_is_the_repository_name_and_the_first_8_hex_of_the_sha256_of_its_url()
    {
        // sha256("git@example.com:tools/provisioning-platform.git") starts f845891d: a mirror made by an earlier
        // version keeps its name, so an upgrade of the tool does not fetch every repository again.
        Assert.Equal(
            Path.Combine("/cache", "mirrors", "provisioning-platform-f845891d.git"),
            Mirror("git@example.com:tools/provisioning-platform.git"));
        Assert.Equal(Path.Combine("/cache", "mirrors", "core-0889f8ed.git"), Mirror("https://github.com/a/core.git"));
        Assert.Equal(Path.Combine("/cache", "mirrors", "workspace-3e3d8c83.git"), Mirror("https://example.com/x/workspace/"));
        Assert.Equal(Mirror("https://example.com/x/workspace/"), Mirror("https://example.com/x/workspace"));
    }

    [Fact]
    public void Distinct_repositories_get_distinct_mirrors()
    {
        string[] repositories =
        [
            "../remotes/core", "/srv/remotes/core", "https://github.com/a/core", "https://github.com/a/core.git",
            "https://github.com/A/core.git", "git@github.com:a/core.git", "file:///srv/core", "sample:core", "sample:provisioning-core",
        ];

        var mirrors = repositories.Select(Mirror).ToList();

        Assert.Equal(repositories.Length, mirrors.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("sample:../../etc/passwd")]
    [InlineData("sample:a/b")]
    [InlineData("sample:..")]
    [InlineData("sample:")]
    [InlineData("https://example.com/x/..")]
    [InlineData("https://example.com/")]
    [InlineData("..")]
    [InlineData("/")]
    [InlineData("C:\\repos\\..\\core")]
    [InlineData("https://example.com/x/.git")]
    public void Every_mirror_is_a_plain_name_directly_in_the_mirrors_folder(string repository)
    {
        var mirror = Mirror(repository);
        var name = Path.GetFileName(mirror);

        Assert.Equal(Path.Combine("/cache", "mirrors"), Path.GetDirectoryName(mirror));
        Assert.Equal(Path.Combine("/cache", "mirrors", name), Path.GetFullPath(mirror));
        Assert.Matches(@"^[^/\\]*[^/\\.][^/\\]*\.git$", name);
    }

    [Fact]
    public void Sample_mirrors_keep_their_plain_names()
    {
        Assert.Equal(Path.Combine("/cache", "mirrors", "provisioning-core.git"), Mirror("sample:provisioning-core"));
    }

    private static string Mirror(string repository) =>
        Cache.MirrorPathOf(new ComponentSource(ComponentKind.Core, repository, "v{version}", string.Empty, string.Empty));
}
