using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Packaging;

public sealed class PackagePlannerTests
{
    private static readonly ManifestComponent Core = Locked(ComponentId.Core, "3.2.1");
    private static readonly ManifestComponent Platform = Locked(ComponentId.Platform, "2.5.3");
    private static readonly ManifestComponent Mongo = Locked(ComponentId.Extension("mongodb"), "1.2.0");
    private static readonly ManifestComponent Redis = Locked(ComponentId.Extension("redis"), "1.1.0");

    internal static ManifestComponent Locked(ComponentId id, string version) =>
        new(id, NuGetVersion.Parse(version), "v" + version, new string('a', 40), new string('b', 40));

    internal static Recipe MakeRecipe(
        string name, string archive, string[] targets, string[]? command = null, string to = "lib/provisioning/{name}") => new(
        name,
        SourceLocation.InFile($"packaging/{name}/recipe.toml"),
        new string('0', 64),
        archive,
        [.. targets.Select(target => new RecipeTarget(
            target, ImmutableSortedDictionary<string, string>.Empty.Add("rid", "rid-" + target), []))],
        [],
        command is null ? [] : [[.. command]],
        [],
        ImmutableSortedDictionary<string, string>.Empty,
        [new LayoutRule("{source}", to, false, [])]);

    private static Dictionary<string, Recipe> Recipes() => new(StringComparer.Ordinal)
    {
        ["core"] = MakeRecipe("core", "provisioning-core-{version}.tar.gz", ["noarch"]),
        ["platform"] = MakeRecipe(
            "platform",
            "provisioning-platform-{version}-{target}.tar.gz",
            ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"],
            ["build", "-r", "{rid}", "-p:Version={version}", "-o", "{output}"]),
        ["extension"] = MakeRecipe("extension", "provisioning-ext-{name}-{version}.tar.gz", ["noarch"]),
    };

    [Fact]
    public void Plans_every_component_for_every_target_sorted_by_archive_name()
    {
        var jobs = PackagePlanner.Plan([Redis, Platform, Mongo, Core], Recipes(), null);

        Assert.Equal(
            [
                "provisioning-core-3.2.1.tar.gz",
                "provisioning-ext-mongodb-1.2.0.tar.gz",
                "provisioning-ext-redis-1.1.0.tar.gz",
                "provisioning-platform-2.5.3-darwin-arm64.tar.gz",
                "provisioning-platform-2.5.3-darwin-x64.tar.gz",
                "provisioning-platform-2.5.3-linux-arm64.tar.gz",
                "provisioning-platform-2.5.3-linux-x64.tar.gz",
            ],
            jobs.Select(job => job.ArchiveName));
    }

    [Fact]
    public void Requested_targets_limit_platform_archives_but_noarch_ones_are_always_made()
    {
        var jobs = PackagePlanner.Plan([Core, Platform, Mongo], Recipes(), ["linux-arm64"]);

        Assert.Equal(["core noarch", "ext-mongodb noarch", "platform linux-arm64"], jobs.Select(job => job.Display));
    }

    [Fact]
    public void Commands_expand_target_placeholders_version_and_folders()
    {
        var job = PackagePlanner.Plan([Platform], Recipes(), ["darwin-arm64"]).Single();

        Assert.Equal(
            ["build", "-r", "rid-darwin-arm64", "-p:Version=2.5.3", "-o", "/work/out"],
            job.Commands("/work/src", "/work/out").Single().ToArray());
        Assert.Equal("lib/provisioning/platform", job.Expand(job.Recipe.Layout[0].To, "/s", "/o"));
    }

    [Fact]
    public void Unknown_target_and_component_without_recipe_are_reported_together()
    {
        var recipes = Recipes();
        recipes.Remove("extension");

        var error = Assert.Throws<UserErrorException>(() => PackagePlanner.Plan([Core, Mongo], recipes, ["linux-x86"]));

        Assert.Equal(["PKG010", "PKG040"], error.Diagnostics.Select(diagnostic => diagnostic.Code).Order());
        Assert.Contains(error.Diagnostics, diagnostic => diagnostic.Message.Contains("'linux-x86'", StringComparison.Ordinal));
        Assert.Contains(
            error.Diagnostics, diagnostic => diagnostic.Fix.Contains("packaging/extension/recipe.toml", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_placeholder_is_refused_before_anything_runs()
    {
        var recipes = Recipes();
        recipes["core"] = MakeRecipe("core", "provisioning-core-{version}.tar.gz", ["noarch"], ["make", "{triple}"]);

        var error = Assert.Throws<UserErrorException>(() => PackagePlanner.Plan([Core], recipes, null));

        Assert.Equal("PKG004", error.Diagnostics.Single().Code);
        Assert.Contains("{triple}", error.Diagnostics.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Braces_that_are_not_placeholders_are_kept()
    {
        var variables = new Dictionary<string, string> { ["rid"] = "linux-x64" };

        Assert.Equal("{ echo linux-x64; } > out; {} {a b}", PackageJob.Expand("{ echo {rid}; } > out; {} {a b}", variables));
    }

    [Fact]
    public void Cache_key_changes_with_commit_recipe_target_tools_and_timestamp_only()
    {
        var job = PackagePlanner.Plan([Platform], Recipes(), ["linux-x64"]).Single();
        var tools = new Dictionary<string, string> { ["dotnet --version"] = "10.0.401" };
        var key = job.CacheKey(tools, 100);

        Assert.Equal(key, job.CacheKey(new Dictionary<string, string> { ["dotnet --version"] = "10.0.401\n" }, 100));
        Assert.NotEqual(key, job.CacheKey(new Dictionary<string, string> { ["dotnet --version"] = "10.0.402" }, 100));
        Assert.NotEqual(key, job.CacheKey(tools, 101));
        Assert.NotEqual(key, (job with { Component = job.Component with { Commit = new string('c', 40) } }).CacheKey(tools, 100));
        Assert.NotEqual(key, (job with { Recipe = job.Recipe with { ContentHash = new string('1', 64) } }).CacheKey(tools, 100));
        Assert.NotEqual(key, PackagePlanner.Plan([Platform], Recipes(), ["linux-arm64"]).Single().CacheKey(tools, 100));
    }
}
