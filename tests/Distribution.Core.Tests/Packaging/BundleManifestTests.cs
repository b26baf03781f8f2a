using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Packaging;

public sealed class BundleManifestTests
{
    internal static BundleManifest Sample()
    {
        var commit = new string('a', 40);
        var tree = new string('b', 40);
        var bundle = new BundleSpec("stable-3.2", "Stable 3.2 Bundle", BundleKind.Stable, new DateOnly(2025, 10, 15), null,
            [
                new BundleComponent(ComponentId.Core, NuGetVersion.Parse("3.2.1")),
                new BundleComponent(ComponentId.Extension("mongodb"), NuGetVersion.Parse("1.2.0"))]);
        return new BundleManifest(
            bundle,
            [
                new ManifestComponent(ComponentId.Extension("mongodb"), NuGetVersion.Parse("1.2.0"), "mongodb/v1.2.0", commit, tree)
                {
                    Requires = ComponentRequirements.OnCore("^3.2"),
                },
                new ManifestComponent(ComponentId.Core, NuGetVersion.Parse("3.2.1"), "v3.2.1", commit, tree)
                {
                    RuntimeDependencies = ImmutableSortedDictionary.CreateRange(
                        StringComparer.Ordinal, [KeyValuePair.Create("nushell", ">=0.112"), KeyValuePair.Create("kcl", ">=0.11")]),
                },
            ],
            [
                new ArtifactRecord(
                    ComponentId.Extension("mongodb"),
                    NuGetVersion.Parse("1.2.0"),
                    "noarch",
                    "provisioning-ext-mongodb-1.2.0.tar.gz",
                    99,
                    new string('d', 64)),
                new ArtifactRecord(
                    ComponentId.Core, NuGetVersion.Parse("3.2.1"), "noarch", "provisioning-core-3.2.1.tar.gz", 12345, new string('c', 64)),
            ]);
    }

    [Fact]
    public void Renders_the_documented_layout_with_components_in_order_and_artifacts_by_name()
    {
        Snapshot.Match(Sample().Render());
    }

    [Fact]
    public void Parse_reads_back_what_render_wrote()
    {
        var manifest = Sample();
        var parsed = BundleManifest.Parse(manifest.Render());

        Assert.Equal(manifest.Render(), parsed.Render());
        Assert.Equal("Stable 3.2 Bundle", parsed.Bundle.DisplayName);
        Assert.Equal(2, parsed.Artifacts.Length);
    }

    [Fact]
    public void Runtime_dependencies_are_read_back_and_absent_ones_are_none()
    {
        var parsed = BundleManifest.Parse(Sample().Render());

        var core = Assert.Single(parsed.Components, component => component.Component == ComponentId.Core);
        Assert.Equal(["kcl", "nushell"], core.RuntimeDependencies.Keys);
        Assert.Equal(">=0.112", core.RuntimeDependencies["nushell"]);
        Assert.Empty(parsed.Components.Single(component => component.Component != ComponentId.Core).RuntimeDependencies);
        Assert.Equal(
            Sample().Components.OrderBy(component => component.Component), parsed.Components.OrderBy(component => component.Component));

        // A manifest written before the key existed still reads, with no dependencies.
        var olderText = Sample().Render()
            .Replace(",\"runtimeDependencies\":{\"kcl\":\">=0.11\",\"nushell\":\">=0.112\"}", string.Empty, StringComparison.Ordinal)
            .Replace(",\"runtimeDependencies\":{}", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("runtimeDependencies", olderText, StringComparison.Ordinal);
        Assert.All(BundleManifest.Parse(olderText).Components, component => Assert.Empty(component.RuntimeDependencies));
    }

    [Fact]
    public void Components_differing_only_in_runtime_dependencies_are_not_equal()
    {
        var component = Sample().Components[1];

        Assert.NotEqual(component, component with { RuntimeDependencies = component.RuntimeDependencies.SetItem("nushell", ">=0.115") });
        Assert.Equal(
            component,
            component with { RuntimeDependencies = ImmutableSortedDictionary.CreateRange(
                StringComparer.Ordinal, component.RuntimeDependencies) });
    }

    [Fact]
    public void Empty_artifact_list_renders_as_an_empty_array()
    {
        var text = Sample().WithArtifacts([]).Render();
        Assert.Contains("  \"artifacts\": []\n}\n", text, StringComparison.Ordinal);
        Assert.Empty(BundleManifest.Parse(text).Artifacts);
    }

    [Fact]
    public void A_manifest_of_another_schema_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => BundleManifest.Parse(Sample().Render().Replace(
            "\"schema\": 1", "\"schema\": 2", StringComparison.Ordinal)));
        Assert.Contains("schema 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256sums_are_sorted_by_name_with_two_spaces()
    {
        var text = Sha256Sums.Render([
            new("b.tar.gz", new string('1', 64)), new("a.json", new string('2', 64)), new("B.md", new string('3', 64))]);

        Assert.Equal($"{new string('3', 64)}  B.md\n{new string('2', 64)}  a.json\n{new string('1', 64)}  b.tar.gz\n", text);
        Assert.Equal(3, Sha256Sums.Parse(text).Count);
    }

    [Fact]
    public void Sha256sums_refuse_paths_and_upper_case_hashes()
    {
        Assert.Throws<ArgumentException>(() => Sha256Sums.Render([new("dir/a", new string('1', 64))]));
        Assert.Throws<ArgumentException>(() => Sha256Sums.Render([new("a", new string('A', 64))]));
    }
}
