using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;
using Distribution.Testing;

namespace Distribution.Core.Tests.Packaging;

public sealed class RecipeReaderTests
{
    [Theory]
    [InlineData("core", true)]
    [InlineData("platform", false)]
    [InlineData("workspace", true)]
    [InlineData("extension", true)]
    public void Shipped_recipes_read_without_problems(string name, bool noarch)
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, "packaging", name, "recipe.toml");

        var recipe = RecipeText.Parse(name, File.ReadAllText(file), $"packaging/{name}/recipe.toml");

        Assert.Equal(noarch, recipe.IsNoarch);
        Assert.NotEmpty(recipe.Layout);
        Assert.Equal(64, recipe.ContentHash.Length);
    }

    [Fact]
    public void Recipe_bytes_read_as_the_text_with_the_same_hash_with_or_without_a_BOM_and_invalid_utf8_is_TOML002()
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, "packaging", "core", "recipe.toml");
        var bytes = File.ReadAllBytes(file);

        var fromText = RecipeText.Parse("core", File.ReadAllText(file), "packaging/core/recipe.toml");
        var fromBytes = RecipeText.Parse("core", [0xEF, 0xBB, 0xBF, .. bytes], "packaging/core/recipe.toml");
        var exception = Assert.Throws<UserErrorException>(() => RecipeText.Parse(
            "core", [.. "# "u8, 0xC3, 0x28, .. bytes], "packaging/core/recipe.toml"));

        Assert.Equal(fromText.ContentHash, fromBytes.ContentHash);
        Assert.Equal(
            "packaging/core/recipe.toml(1,3): error TOML002: invalid UTF-8 at byte "
                + "2 (0xC3): TOML files must be UTF-8 — save the file as UTF-8",
            Assert.Single(exception.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("compression-level = 9\n", "9")]
    [InlineData("compression-level = 1\n", "1")]
    [InlineData("compression-level = 5.25\n", "5.25")]
    [InlineData("compression-level = 5.5\n", "5.5")]
    [InlineData("compression-level = 8.75\n", "8.75")]
    [InlineData("compression-level = 6.0\n", "6")]
    public void Compression_level_is_chosen_by_content_unless_the_recipe_names_one(string line, string? level)
    {
        var recipe = RecipeText.Parse(
            "tool",
            $"archive = \"t-{{version}}.tar.gz\"\n{line}[targets.noarch]\n[[layout]]\nfrom = \"{{source}}\"\nto = \"share/t\"\n",
            "packaging/tool/recipe.toml");

        Assert.Equal(level, recipe.CompressionLevel?.ToString());
    }

    [Theory]
    [InlineData("compression-level = 0")]
    [InlineData("compression-level = 10")]
    [InlineData("compression-level = \"best\"")]
    [InlineData("compression-level = 5.3")]
    [InlineData("compression-level = 9.25")]
    [InlineData("compression-level = 0.75")]
    [InlineData("compression-level = nan")]
    [InlineData("compression-level = inf")]
    public void A_compression_level_outside_one_to_nine_in_quarter_steps_is_refused_at_its_place(string line)
    {
        var error = Assert.Throws<UserErrorException>(() => RecipeText.Parse(
            "tool",
            $"archive = \"t-{{version}}.tar.gz\"\n{line}\n[targets.noarch]\n[[layout]]\nfrom = \"{{source}}\"\nto = \"share/t\"\n",
            "packaging/tool/recipe.toml"));

        var problem = Assert.Single(error.Diagnostics);
        Assert.Equal("PKG002", problem.Code);
        Assert.Equal(2, problem.Location.Line);
        Assert.Contains("compression-level must be a level from 1 to 9 in quarter steps", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Platform_recipe_maps_the_four_targets_onto_runtime_ids()
    {
        var recipe = RecipeText.Parse(
            "platform",
            File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "packaging", "platform", "recipe.toml")),
            "packaging/platform/recipe.toml");

        Assert.Equal(
            ["linux-x64=linux-x64", "linux-arm64=linux-arm64", "darwin-x64=osx-x64", "darwin-arm64=osx-arm64"],
            recipe.Targets.Select(target => $"{target.Name}={target.Variables["rid"]}"));
        Assert.Equal(["dotnet"], recipe.Requires.ToArray());
        Assert.Equal(DeflateLevel.Smallest, recipe.CompressionLevel);
        Assert.All(recipe.Build, command => Assert.Contains("-p:Version={version}", command));
        Assert.All(recipe.Build, command => Assert.Contains("-p:UseAppHost=true", command));
        Assert.All(
            recipe.Build,
            command => Assert.Equal(["--self-contained", "false"], command.SkipWhile(argument => argument != "--self-contained").Take(2)));
    }

    [Fact]
    public void Rust_platform_recipe_builds_each_triple_with_its_linker_and_says_how_to_get_every_requirement()
    {
        var recipe = RecipeText.Parse(
            "platform",
            File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "packaging", "rust", "platform", "recipe.toml")),
            "packaging/rust/platform/recipe.toml");

        Assert.Equal(
            [
                "linux-x64=x86_64-unknown-linux-gnu/x86_64-linux-gnu-gcc",
                "linux-arm64=aarch64-unknown-linux-gnu/aarch64-linux-gnu-gcc",
                "darwin-x64=x86_64-apple-darwin/cc",
                "darwin-arm64=aarch64-apple-darwin/cc"],
            recipe.Targets.Select(target => $"{target.Name}={target.Variables["triple"]}/{target.Variables["linker"]}"));
        Assert.All(recipe.Targets, target => Assert.Contains("rust-std:" + target.Variables["triple"], target.Requires));
        Assert.All(
            recipe.Requires.Concat(recipe.Targets.SelectMany(target => target.Requires)),
            requirement => Assert.True(recipe.InstallHints.ContainsKey(requirement), $"no install hint for {requirement}"));
        var build = Assert.Single(recipe.Build);
        Assert.Equal(
            [
                "cargo",
                "build",
                "--release",
                "--locked",
                "--offline",
                "--target",
                "{triple}",
                "--config",
                "target.{triple}.linker=\"{linker}\""],
            build.ToArray());
        Assert.Equal("--remap-path-prefix={source}=/_/", recipe.Environment["CARGO_ENCODED_RUSTFLAGS"]);
    }

    [Fact]
    public void Install_hints_are_strings_for_requirements_the_recipe_has()
    {
        const string text = """
            archive = "t-{version}-{target}.tar.gz"
            requires = ["cargo", "rustc"]
            [targets.linux-x64]
            requires = ["os:linux"]
            [targets.linux-arm64]
            [install-hints]
            cargo = "https://rustup.rs"
            "os:linux" = "a Linux runner"
            "os:darwin" = "a macOS runner"
            rustc = 1
            [[layout]]
            from = "{output}"
            to = "bin"
            """;

        var error = Assert.Throws<UserErrorException>(() => RecipeText.Parse("tool", text, "packaging/tool/recipe.toml"));
        var good = RecipeText.Parse(
            "tool",
            text[..text.IndexOf("\"os:darwin\"", StringComparison.Ordinal)] + "[[layout]]\nfrom = \"{output}\"\nto = \"bin\"\n",
            "packaging/tool/recipe.toml");

        Assert.Equal(
            [
                "packaging/tool/recipe.toml(9,1): error PKG002: install-hints names 'os:darwin', which no requires "
                    + "lists — give hints only for requirements of the recipe or its targets (cargo, os:linux, rustc)",
                "packaging/tool/recipe.toml(10,1): error PKG002: install-hints.rustc must be a string — quote the value",
            ],
            error.Diagnostics.Select(diagnostic => diagnostic.ToString()));
        Assert.Equal(["cargo=https://rustup.rs", "os:linux=a Linux runner"], good.InstallHints.Select(pair => $"{pair.Key}={pair.Value}"));
    }

    [Fact]
    public void Reads_a_recipe_with_targets_build_steps_environment_and_layout()
    {
        const string text = """
            archive = "provisioning-tool-{version}-{target}.tar.gz"
            requires = ["cargo"]
            tool-versions = [["cargo", "--version"]]
            [env]
            CARGO_INCREMENTAL = "0"
            [targets.linux-x64]
            triple = "x86_64-unknown-linux-gnu"
            [targets.darwin-arm64]
            triple = "aarch64-apple-darwin"
            requires = ["os:darwin"]
            [[build]]
            run = ["cargo", "build", "--release", "--target", "{triple}"]
            [[layout]]
            from = "{source}/target/{triple}/release/tool"
            to = "bin/tool"
            [[layout]]
            from = "{source}/docs"
            to = "share/provisioning/tool"
            optional = true
            exclude = ["*.tmp"]
            """;

        var recipe = RecipeText.Parse("tool", text, "packaging/tool/recipe.toml");

        Assert.Equal(["os:darwin"], recipe.FindTarget("darwin-arm64")!.Requires.ToArray());
        Assert.Equal("aarch64-apple-darwin", recipe.FindTarget("darwin-arm64")!.Variables["triple"]);
        Assert.Equal(["cargo", "build", "--release", "--target", "{triple}"], recipe.Build.Single().ToArray());
        Assert.Equal("0", recipe.Environment["CARGO_INCREMENTAL"]);
        Assert.True(recipe.Layout[1].Optional);
        Assert.Equal(["*.tmp"], recipe.Layout[1].Exclude.ToArray());
    }

    [Fact]
    public void Every_problem_is_reported_at_its_place()
    {
        const string text = """
            archive = "provisioning-tool.tar.gz"
            colour = "blue"
            [targets.linux-x64]
            [targets.windows-x64]
            [[layout]]
            from = "/etc"
            to = "../bin"
            """;

        var error = Assert.Throws<UserErrorException>(() => RecipeText.Parse("tool", text, "packaging/tool/recipe.toml"));

        Snapshot.Match(string.Join('\n', error.Diagnostics.Select(diagnostic => diagnostic.ToString())));
    }

    [Fact]
    public void A_toml_syntax_error_is_a_diagnostic()
    {
        var error = Assert.Throws<UserErrorException>(() => RecipeText.Parse("tool", "archive = \n", "packaging/tool/recipe.toml"));

        Assert.StartsWith("packaging/tool/recipe.toml(1,", error.Diagnostics.Single().ToString(), StringComparison.Ordinal);
    }
}
