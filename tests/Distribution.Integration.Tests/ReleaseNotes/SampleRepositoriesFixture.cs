using System.Collections.Immutable;
using System.Globalization;
using Distribution.Adapters.Git;
using Distribution.Adapters.Sources;
using Distribution.Core.Model;
using Distribution.Testing;
using NuGet.Versioning;

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
        Cache = new SourceCache(TestPaths.RepositoryRoot, temp.Combine("cache"), new SampleRepositories(Path.Combine(TestPaths.RepositoryRoot, "samples"), temp.Combine("cache", "samples"), git), git);
    }

    public SourceCache Cache { get; }

    public static ImmutableDictionary<ComponentKind, ComponentSource> Sources(string webUrlOwner = "") => new Dictionary<ComponentKind, ComponentSource>
    {
        [ComponentKind.Core] = new(ComponentKind.Core, "sample:provisioning-core", "v{version}", string.Empty, Web(webUrlOwner, "provisioning-core")),
        [ComponentKind.Platform] = new(ComponentKind.Platform, "sample:provisioning-platform", "v{version}", string.Empty, Web(webUrlOwner, "provisioning-platform")),
        [ComponentKind.Workspace] = new(ComponentKind.Workspace, "sample:provisioning-workspace", "v{version}", string.Empty, Web(webUrlOwner, "provisioning-workspace")),
        [ComponentKind.Extension] = new(ComponentKind.Extension, "sample:provisioning-extensions", "{name}/v{version}", "{name}", Web(webUrlOwner, "provisioning-extensions")),
    }.ToImmutableDictionary();

    public static BundleSpec Stable31 { get; } = Bundle("stable-3.1", "Stable 3.1 Bundle", BundleKind.Stable, "2025-06-02", null, "core@3.1.0", "platform@2.4.0", "workspace@1.4.0", "ext-mongodb@0.9.2", "ext-redis@0.9.1");

    public static BundleSpec Lts31 { get; } = Bundle("lts-3.1", "LTS 3.1 Bundle", BundleKind.Lts, "2025-09-01", "2027-09-01", "core@3.1.5", "platform@2.4.8", "workspace@1.3.0");

    public static BundleSpec Stable32 { get; } = Bundle("stable-3.2", "Stable 3.2 Bundle", BundleKind.Stable, "2025-10-15", null, "core@3.2.1", "platform@2.5.3", "workspace@1.4.0", "ext-mongodb@1.2.0", "ext-redis@1.1.0", "ext-azure@1.3.0");

    public Task<string> MirrorAsync(ComponentSource source, CancellationToken cancellationToken) => Cache.MirrorAsync(source, cancellationToken);

    public void Dispose() => temp.Dispose();

    private static string Web(string owner, string name) => owner.Length == 0 ? string.Empty : $"https://github.com/{owner}/{name}";

    private static BundleSpec Bundle(string id, string name, BundleKind kind, string date, string? ltsUntil, params string[] components) =>
        new(id, name, kind, DateOnly.Parse(date, CultureInfo.InvariantCulture), ltsUntil is null ? null : DateOnly.Parse(ltsUntil, CultureInfo.InvariantCulture),
            [.. components.Select(item => item.Split('@')).Select(parts => new BundleComponent(ComponentId.TryParse(parts[0])!, NuGetVersion.Parse(parts[1]))).OrderBy(item => item.Component)]);
}
