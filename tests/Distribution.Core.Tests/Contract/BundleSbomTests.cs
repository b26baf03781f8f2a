using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Core.Contract;
using Distribution.Core.Model;
using Distribution.Core.Tests.Packaging;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Contract;

/// <summary>
/// The bundle's SBOM: each component with its own archives and dependencies; publish accepts a bundle folder's
/// bundle.cdx.json only when it is the SBOM of its bundle.json (issue 21).
/// </summary>
public sealed class BundleSbomTests
{
    private static readonly Dictionary<string, string> Repositories = new(StringComparer.Ordinal)
    {
        ["core"] = "https://git.example/provisioning-core",
        ["extensions"] = "https://git.example/provisioning-extensions",
    };

    [Fact]
    public void The_sbom_of_a_bundle_describes_it_whatever_repositories_it_names()
    {
        var manifest = BundleManifestTests.Sample();

        Assert.True(BundleSbom.Describes(BundleSbom.Render(manifest, Repositories), manifest));
        Assert.True(BundleSbom.Describes(BundleSbom.Render(manifest, new Dictionary<string, string>()), manifest));
    }

    [Fact]
    public void An_sbom_with_one_changed_digest_or_of_another_bundle_does_not_describe_it()
    {
        var manifest = BundleManifestTests.Sample();
        var sbom = BundleSbom.Render(manifest, Repositories);
        var other = manifest with { Artifacts = [.. manifest.Artifacts.Select(artifact => artifact with { Size = artifact.Size + 1 })] };

        Assert.False(BundleSbom.Describes(sbom.Replace(new string('c', 64), new string('e', 64), StringComparison.Ordinal), manifest));
        Assert.False(BundleSbom.Describes(BundleSbom.Render(other, Repositories), manifest));
        Assert.False(BundleSbom.Describes(sbom.Replace("\"1.6\"", "\"1.5\"", StringComparison.Ordinal), manifest));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"components\": 3}")]
    public void Text_that_is_no_sbom_describes_nothing(string text) =>
        Assert.False(BundleSbom.Describes(text, BundleManifestTests.Sample()));

    [Fact]
    public void Components_by_id_are_the_first_of_each_id_as_a_scan_finds_them()
    {
        var first = Component(ComponentId.Extension("alpha"), "1.0.0");
        var again = Component(ComponentId.Extension("alpha"), "2.0.0");
        var manifest = Manifest([first, Component(ComponentId.Core, "3.2.0"), again], []);

        var byId = BundleSbom.ComponentsById(manifest);

        Assert.Equal(2, byId.Count);
        Assert.Same(first, byId[ComponentId.Extension("alpha").Id]);
        Assert.Equal("3.2.0", byId["core"].Version.ToNormalizedString());
    }

    [Fact]
    public void Every_component_lists_its_own_archives_and_depends_on_the_components_it_names()
    {
        var core = Component(ComponentId.Core, "3.2.0");
        var alpha = Component(ComponentId.Extension("alpha"), "1.0.0") with
        {
            RuntimeDependencies = ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal, [KeyValuePair.Create("core", "^3"), KeyValuePair.Create("absent", "^1")]),
        };
        var manifest = Manifest(
            [alpha, core],
            [
                Artifact(ComponentId.Core, "3.2.0", "core-3.2.0-linux-x64.tar.gz"),
                Artifact(ComponentId.Extension("alpha"), "1.0.0", "ext-alpha-1.0.0-linux-x64.tar.gz"),
                Artifact(ComponentId.Core, "3.2.0", "core-3.2.0-darwin-arm64.tar.gz"),
            ]);

        using var sbom = JsonDocument.Parse(BundleSbom.Render(manifest, new Dictionary<string, string>()));

        var files = sbom.RootElement.GetProperty("components").EnumerateArray().ToDictionary(
            component => component.GetProperty("name").GetString()!,
            component => component.GetProperty("components").EnumerateArray()
                .Select(file => file.GetProperty("name").GetString()).ToList());
        Assert.Equal(["core-3.2.0-linux-x64.tar.gz", "core-3.2.0-darwin-arm64.tar.gz"], files["core"]);
        Assert.Equal(["ext-alpha-1.0.0-linux-x64.tar.gz"], files[ComponentId.Extension("alpha").Id]);
        var dependencies = sbom.RootElement.GetProperty("dependencies").EnumerateArray().ToList();
        var ofAlpha = dependencies.Single(item => item.GetProperty("ref").GetString()!.Contains("alpha", StringComparison.Ordinal));
        var coreRef = dependencies.Single(item => item.GetProperty("ref").GetString()!.Contains("core", StringComparison.Ordinal))
            .GetProperty("ref").GetString();
        Assert.Equal([coreRef], ofAlpha.GetProperty("dependsOn").EnumerateArray().Select(item => item.GetString()));
    }

    private static ManifestComponent Component(ComponentId id, string version)
        => new(id, NuGetVersion.Parse(version), "v" + version, new string('a', 40), new string('b', 40));

    private static ArtifactRecord Artifact(ComponentId id, string version, string name)
        => new(id, NuGetVersion.Parse(version), name.Split('-')[^1].Replace(".tar.gz", string.Empty, StringComparison.Ordinal), name, 1,
            new string('c', 64));

    private static BundleManifest Manifest(ImmutableArray<ManifestComponent> components, ImmutableArray<ArtifactRecord> artifacts)
        => new(new BundleSpec("stable-3.2", "Stable 3.2", BundleKind.Stable, new DateOnly(2026, 1, 1), null, []), components, artifacts);
}
