using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using Distribution.Testing;

namespace Distribution.Core.Tests.Publishing;

public sealed class RegistryIndexJsonTests
{
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    internal static RegistryIndex Sample() => new(
        7,
        RegistryIndex.Empty.Channels.Add("stable", "stable-3.2").Add("lts", "lts-3.1"),
        [
            new RegistryBundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15), "bundles/stable-3.2/bundle.json", 1234, HashA),
            new RegistryBundle("lts-3.1", BundleKind.Lts, new DateOnly(2025, 9, 1), "bundles/lts-3.1/bundle.json", 999, HashB),
        ],
        [
            new RegistryComponent("ext-mongodb", "1.2.0", ["packages/ext-mongodb/1.2.0/provisioning-ext-mongodb-1.2.0.tar.gz"]),
            new RegistryComponent("core", "3.10.0", ["packages/core/3.10.0/provisioning-core-3.10.0.tar.gz"]),
            new RegistryComponent("core", "3.2.1", ["packages/core/3.2.1/provisioning-core-3.2.1.tar.gz"]),
            new RegistryComponent(
                "platform",
                "3.2.0",
                [
                    "packages/platform/3.2.0/provisioning-platform-3.2.0-linux-x64.tar.gz",
                    "packages/platform/3.2.0/provisioning-platform-3.2.0-darwin-arm64.tar.gz"]),
        ],
        [
            new RegistryFile("packages/core/3.2.1/provisioning-core-3.2.1.tar.gz", 10, HashA),
            new RegistryFile("bundles/stable-3.2/bundle.json", 1234, HashA),
        ]);

    [Fact]
    public void Index_is_rendered_one_record_per_line_in_the_documented_order()
    {
        Snapshot.Match(RegistryIndexJson.Render(Sample()));
    }

    [Fact]
    public void Empty_index_renders_empty_blocks()
    {
        Assert.Equal(
            "{\n  \"schema\": 1,\n  \"serial\": 0,\n  \"channels\": {},\n  \"bundles\": [],\n  \"components\": [],\n  \"files\": []\n}\n",
            RegistryIndexJson.Render(RegistryIndex.Empty));
    }

    [Fact]
    public void Parsing_a_rendered_index_gives_it_back()
    {
        var text = RegistryIndexJson.Render(Sample());

        var parsed = RegistryIndexJson.Parse(text, "index.json");

        Assert.Equal(text, RegistryIndexJson.Render(parsed));
        Assert.Equal(7, parsed.Serial);
        Assert.Equal("lts-3.1", parsed.Channels["lts"]);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"schema\":2,\"serial\":1,\"channels\":{},\"bundles\":[],\"components\":[],\"files\":[]}", "schema 2 is not supported")]
    [InlineData("{\"schema\":1,\"channels\":{},\"bundles\":[],\"components\":[],\"files\":[]}", "index has no \"serial\"")]
    [InlineData(
        "{\"schema\":1,\"serial\":1,\"channels\":{},\"bundles\":[],\"components\":[],"
            + "\"files\":[{\"path\":\"../etc/passwd\",\"size\":1,\"sha256\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "\"}]}",
        "not a relative path inside the registry")]
    [InlineData(
        "{\"schema\":1,\"serial\":1,\"channels\":{},\"bundles\":[],\"components\":[],"
            + "\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"ABC\"}]}",
        "not 64 lower-case hex digits")]
    public void A_broken_index_is_a_PUB006_diagnostic_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<UserErrorException>(() => RegistryIndexJson.Parse(text, "registry/index.json"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB006", diagnostic.Code);
        Assert.Equal("registry/index.json", diagnostic.Location.File);
        Assert.Contains(expected, diagnostic.Message, StringComparison.Ordinal);
    }
}
