using System.Collections.Immutable;
using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Integration.Tests.Sources;

/// <summary>
/// A temporary source cache fed from this repository's samples/: the generated samples, mirrors and exports all
/// live in a temp folder, and tests can point a component at a copy of a sample to move its tags.
/// </summary>
internal sealed class SourceTestbed : IDisposable
{
    private readonly TempDirectory directory = new("src");

    public SourceTestbed(GitCli? git = null)
    {
        git ??= GitCli.Default;
        Samples = new SampleRepositories(Path.Combine(TestPaths.RepositoryRoot, "samples"), directory.Combine("samples"), git);
        Cache = new SourceCache(TestPaths.RepositoryRoot, directory.Combine("cache"), Samples, git);
    }

    public static GitCli Git => GitCli.Default;

    public SampleRepositories Samples { get; }

    public SourceCache Cache { get; }

    public string Root => directory.Path;

    public ImmutableDictionary<ComponentKind, ComponentSource> Sources { get; set; } = DefaultSources;

    public static ImmutableDictionary<ComponentKind, ComponentSource> DefaultSources { get; } =
        new Dictionary<ComponentKind, ComponentSource>
        {
            [ComponentKind.Core] = new(ComponentKind.Core, "sample:provisioning-core", "v{version}", string.Empty, string.Empty),
            [ComponentKind.Platform] = new(
                ComponentKind.Platform, "sample:provisioning-platform", "v{version}", string.Empty, string.Empty),
            [ComponentKind.Workspace] = new(
                ComponentKind.Workspace, "sample:provisioning-workspace", "v{version}", string.Empty, string.Empty),
            [ComponentKind.Extension] = new(
                ComponentKind.Extension, "sample:provisioning-extensions", "{name}/v{version}", "{name}", string.Empty),
        }.ToImmutableDictionary();

    /// <summary>
    /// A new commit (not on any branch) with the tree and parent of <paramref name="tag"/>'s commit and a release message,
    /// as someone re-tagging a release would make it; the caller moves the tag (or a branch) to it.
    /// </summary>
    public static async Task<string> CopyOfTaggedCommitAsync(string repository, string tag)
    {
        var tree = (await Git.RunCheckedAsync(repository, ["rev-parse", tag + "^{tree}"], CancellationToken.None)).Trim();
        var parent = (await Git.RunCheckedAsync(repository, ["rev-parse", tag + "^{commit}"], CancellationToken.None)).Trim();
        string[] arguments =
        [
            "-c", "user.name=Mallory", "-c", "user.email=mallory@example.com",
            "commit-tree", tree, "-p", parent, "-m", "chore(release): re-tag",
        ];
        return (await Git.RunCheckedAsync(repository, arguments, CancellationToken.None)).Trim();
    }

    public static BundleSpec Bundle(string id, params string[] components) =>
        new(id, id, BundleKind.Stable, null, null, [.. components.Select(Parse).OrderBy(component => component.Component)]);

    /// <summary>The stable-3.2 bundle of the shipped versions.toml.</summary>
    public static BundleSpec Stable32
        => Bundle(
            "stable-3.2", "core@3.2.1", "platform@2.5.3", "workspace@1.4.0", "ext-azure@1.3.0", "ext-mongodb@1.2.0", "ext-redis@1.1.0");

    /// <summary>
    /// A copy of sample <paramref name="name"/> as a plain bare repository in the temp folder, whose tags a test may move.
    /// </summary>
    public async Task<string> CopyOfSampleAsync(string name)
    {
        var generated = await Samples.EnsureAsync(name, CancellationToken.None);
        var copy = directory.Combine("remotes", name + ".git");
        await Git.RunCheckedAsync(null, ["clone", "--quiet", "--bare", "--no-local", generated, copy], CancellationToken.None);
        return copy;
    }

    public Task<FetchResult> FetchAsync(
        BundleSpec bundle, LockFile? lockFile = null, bool updateLock = false, FetchService? service = null) =>
        (service ?? new FetchService(Cache)).FetchAsync(
            new FetchRequest(bundle, Sources, lockFile ?? LockFile.Empty, updateLock, "versions.lock"), CancellationToken.None);

    public void Dispose() => directory.Dispose();

    private static BundleComponent Parse(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return new BundleComponent(ComponentId.TryParse(text[..at])!, NuGetVersion.Parse(text[(at + 1)..]));
    }
}
