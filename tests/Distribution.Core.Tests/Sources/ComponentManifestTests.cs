using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;
using Distribution.Core.Toml;

namespace Distribution.Core.Tests.Sources;

public sealed class ComponentManifestTests
{
    private const string File = "ext-redis@redis/v1.1.0:manifest.toml";

    [Fact]
    public void Runtime_and_development_dependencies_are_read_apart()
    {
        var manifest = Read("""
            name = "redis"
            version = "1.1.0"
            core-version = "^3.2"

            [dependencies.runtime]
            redis-server = ">=7.2"
            dotnet-runtime = "10.0"

            [dependencies.development]
            kcl = ">=0.10"
            """);

        Assert.Equal(["dotnet-runtime", "redis-server"], manifest.RuntimeDependencies.Keys);
        Assert.Equal(">=7.2", manifest.RuntimeDependencies["redis-server"]);
        Assert.Equal(["kcl"], manifest.DevelopmentDependencies.Keys);
    }

    [Fact]
    public void Each_bad_dependency_is_an_error_at_its_place_in_the_manifest()
    {
        var exception = Assert.Throws<UserErrorException>(() => Read("""
            name = "redis"
            version = "1.1.0"
            core-version = "^3.2"

            [dependencies.runtime]
            redis-server = ">=7.2"
            valkey = "seven"
            big = "^2147483647"
            Redis-Tools = "1.0"

            [dependencies.development]
            kcl = 10
            nufmt = ">> 1"
            """));

        string[] expected =
        [
            $"{File}(7,10): error SRC030: dependencies.runtime.valkey = \"seven\" is not a version requirement: ",
            $"{File}(8,7): error SRC030: dependencies.runtime.big = \"^2147483647\" is not a version requirement: ",
            $"{File}(9,1): error SRC030: dependencies.runtime.Redis-Tools: 'Redis-Tools' is not a dependency name ",
            $"{File}(12,7): error SRC030: dependencies.development.kcl must be a string requirement ",
            $"{File}(13,9): error SRC030: dependencies.development.nufmt = \">> 1\" is not a version requirement: ",
        ];
        Assert.Equal(expected.Length, exception.Diagnostics.Length);
        Assert.All(
            expected.Zip(exception.Diagnostics),
            pair => Assert.StartsWith(pair.First, DiagnosticFormatter.Format(pair.Second), StringComparison.Ordinal));
        Assert.All(exception.Diagnostics, diagnostic => Assert.NotEmpty(diagnostic.Fix));
        Assert.Contains("write a smaller number", exception.Diagnostics[1].Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version = \"v1.1.0\"", "version 'v1.1.0' is not a canonical SemVer version", "write \"1.1.0\"")]
    [InlineData("version = \"1.1\"", "version '1.1' is not a canonical SemVer version", "write \"1.1.0\"")]
    [InlineData("version = \"01.1.0\"", "version '01.1.0' is not a canonical SemVer version", "write \"1.1.0\"")]
    [InlineData("version = \"one\"", "version 'one' is not a canonical SemVer version", "write a SemVer version")]
    [InlineData("version = 1", "version must be a string such as \"1.2.0\", not an integer", "fix the component's manifest")]
    [InlineData("name = 7", "name must be a string such as \"mongodb\", not an integer", "fix the component's manifest")]
    public void Version_is_canonical_SemVer_and_name_and_version_are_strings(string line, string message, string fix)
    {
        var exception = Assert.Throws<UserErrorException>(() => Read(line + "\ncore-version = \"^3.2\"\n"));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC030", diagnostic.Code);
        Assert.Equal(message, diagnostic.Message);
        Assert.StartsWith(fix, diagnostic.Fix, StringComparison.Ordinal);
        Assert.Equal(1, diagnostic.Location.Line);
    }

    [Fact]
    public void Absent_keys_are_left_to_the_checks_of_the_component_kind()
    {
        var manifest = Read("type = \"extension\"\n");

        Assert.Equal(string.Empty, manifest.Name);
        Assert.Null(manifest.Version);
        Assert.Null(manifest.CoreVersion);
    }

    private static ComponentManifest Read(string text) => ComponentManifest.Read(TomlParser.Parse(text, File), File);
}
