using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Publishing;

public sealed class BundleManifestReaderTests
{
    private const string Manifest = """
        {
          "schema": 1,
          "bundle": "stable-3.2",
          "name": "Stable 3.2 Bundle",
          "kind": "stable",
          "releaseDate": "2025-10-15",
          "ltsUntil": null,
          "components": [
            {"id":"core","version":"3.2.1","tag":"v3.2.1","commit":"1111111111111111111111111111111111111111","tree":"2222222222222222222222222222222222222222"}
          ],
          "artifacts": [
            {"component":"core","version":"3.2.1","target":"noarch","name":"provisioning-core-3.2.1.tar.gz","size":12345,"sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
          ]
        }
        """;

    [Fact]
    public void The_documented_example_is_read()
    {
        var bundle = BundleManifest.Read(Manifest, "bundle.json", "PUB001");

        Assert.Equal("stable-3.2", bundle.Id);
        Assert.Equal("Stable 3.2 Bundle", bundle.Name);
        Assert.Equal(BundleKind.Stable, bundle.Kind);
        Assert.Equal(new DateOnly(2025, 10, 15), bundle.ReleaseDate);
        Assert.Equal("provisioning-bundle-stable-3.2.tar.gz", bundle.MetaPackageName);
        var artifact = Assert.Single(bundle.Artifacts);
        Assert.Equal(
            new ArtifactRecord(
                ComponentId.Core, NuGetVersion.Parse("3.2.1"), "noarch", "provisioning-core-3.2.1.tar.gz", 12345, new string('a', 64)),
            artifact);
    }

    [Theory]
    [InlineData("\"kind\": \"stable\"", "\"kind\": \"nightly\"", "expected stable, lts or custom")]
    [InlineData("\"name\":\"provisioning-core-3.2.1.tar.gz\"", "\"name\":\"../evil.tar.gz\"", "is not a plain file name")]
    [InlineData("\"releaseDate\": \"2025-10-15\"", "\"releaseDate\": \"15/10/2025\"", "not a YYYY-MM-DD date")]
    [InlineData("\"size\":12345", "\"size\":-1", "not a non-negative integer")]
    [InlineData("\"bundle\": \"stable-3.2\"", "\"bundle\": \"a/b\"", "cannot name a folder")]
    public void A_wrong_value_is_a_PUB001_diagnostic(string from, string to, string expected)
    {
        var error = Assert.Throws<UserErrorException>(() => BundleManifest.Read(
            Manifest.Replace(from, to, StringComparison.Ordinal), "artifacts/bundles/stable-3.2/bundle.json", "PUB001"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB001", diagnostic.Code);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SHA256SUMS_lines_are_read_and_a_bad_line_is_named()
    {
        var hash = new string('a', 64);

        var sums = Sha256Sums.Parse($"{hash}  bundle.json\n{hash}  provisioning-core-3.2.1.tar.gz\n", "SHA256SUMS");
        var error = Assert.Throws<UserErrorException>(() => Sha256Sums.Parse($"{hash}  bundle.json\nnot a line\n", "SHA256SUMS"));

        Assert.Equal(["bundle.json", "provisioning-core-3.2.1.tar.gz"], sums.Keys);
        Assert.Equal(
            "SHA256SUMS(2,1): error PUB002: line 2 is not '<64 hex>  <file name>' "
                + "— write SHA256SUMS again with the tool that made the bundle",
            Assert.Single(error.Diagnostics).ToString());
    }
}
