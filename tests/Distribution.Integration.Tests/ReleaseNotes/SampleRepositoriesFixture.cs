using System.Collections.Immutable;
using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;
using Distribution.Testing;
using Distribution.Core.Versions;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// The sample component repositories generated once (from samples/) into a temp cache shared by the tests of a
/// class, with the bundles and component sources of the shipped versions.toml.
/// </summary>
public sealed class SampleRepositoriesFixture : IDisposable
{
    private readonly TempDirectory temp = new("notes-samples");

    public SampleRepositoriesFixture()
    {
        var git = GitCli.Default;
        Cache = new SourceCache(
            TestPaths.RepositoryRoot,
            temp.Combine("cache"),
            new SampleRepositories(Path.Combine(TestPaths.RepositoryRoot, "samples"), temp.Combine("cache", "samples"), git),
            git);
    }

    public SourceCache Cache { get; }

    /// <summary>The component sources of versions.toml; with <paramref name="webUrlOwner"/>, web URLs on github.com/OWNER.</summary>
    public static ImmutableDictionary<ComponentKind, ComponentSource> Sources(string webUrlOwner = "") =>
        Versions.Sources.ToImmutableDictionary(
            pair => pair.Key,
            pair => pair.Value with { WebUrl = Web(webUrlOwner, pair.Value.Repository[ComponentSource.SampleScheme.Length..]) });

    /// <summary>The shipped version-management/versions.toml (validated as of a fixed day, so the tests do not age).</summary>
    public static VersionsDocument Versions { get; } = ReadVersions();

    public static BundleSpec Stable31 => Versions.GetBundleSpec("stable-3.1");

    public static BundleSpec Lts31 => Versions.GetBundleSpec("lts-3.1");

    public static BundleSpec Stable32 => Versions.GetBundleSpec("stable-3.2");

    public Task<string> MirrorAsync(
        ComponentSource source, CancellationToken cancellationToken) => Cache.MirrorAsync(source, cancellationToken);

    public void Dispose() => temp.Dispose();

    private static string Web(string owner, string name) => owner.Length == 0 ? string.Empty : $"https://github.com/{owner}/{name}";

    private static VersionsDocument ReadVersions()
    {
        var result = VersionsChecker.Check(
            File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml")),
            "version-management/versions.toml",
            new DateOnly(2026, 1, 1));
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        return result.Document;
    }
}
