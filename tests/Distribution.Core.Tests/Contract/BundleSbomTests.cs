using Distribution.Core.Contract;
using Distribution.Core.Tests.Packaging;

namespace Distribution.Core.Tests.Contract;

/// <summary>Issue 21: publish accepts a bundle folder's bundle.cdx.json only when it is the SBOM of its bundle.json.</summary>
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
}
