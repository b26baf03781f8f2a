using Distribution.Core.Benchmarks;
using Distribution.Core.Packaging;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using Distribution.DevTools.Benchmarks;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class SyntheticBundleTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void Has_twenty_components_on_four_targets_with_the_payload_asked_for()
    {
        var bundle = SyntheticBundle.Create(20, 100_000_000);

        Assert.Equal(17, bundle.Extensions.Length);
        Assert.Equal(["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"], bundle.Targets.AsEnumerable());
        Assert.Equal(["core", "platform", "workspace", "extensions"], bundle.Repositories.Select(repository => repository.Name));
        Assert.InRange(bundle.PayloadBytes, 99_000_000, 100_000_000);
        foreach (var target in bundle.Targets)
        {
            foreach (var component in bundle.Extensions.Select(name => name + "/").Prepend(string.Empty))
            {
                Assert.Contains(
                    bundle.Repositories.SelectMany(repository => repository.Files),
                    file => file.Path.StartsWith(component + target + "/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Mixes_binary_text_and_incompressible_payload_of_uneven_sizes()
    {
        var files = SyntheticBundle.Create(20, 10_000_000).Repositories.SelectMany(repository => repository.Files).ToList();
        var share = files.GroupBy(file => file.Kind).ToDictionary(
            group => group.Key, group => group.Sum(file => (double)file.Size) / files.Sum(file => (double)file.Size));

        Assert.InRange(share[PayloadKind.Binary], 0.49, 0.51);
        Assert.InRange(share[PayloadKind.Text], 0.34, 0.36);
        Assert.InRange(share[PayloadKind.Random], 0.14, 0.16);
        Assert.True(
            files.Max(file => file.Size) > 3 * files.Where(file => file.Kind == PayloadKind.Binary).Min(file => file.Size),
            "component sizes should vary");
    }

    [Fact]
    public void Its_versions_file_validates_without_any_diagnostic()
    {
        var bundle = SyntheticBundle.Create(20, 10_000_000);

        var result = VersionsChecker.Check(bundle.VersionsToml(name => $"/tmp/synthetic/{name}.git"), "versions.toml", Today);

        Assert.Empty(result.Diagnostics);
        var spec = Assert.Single(result.Document.Bundles);
        Assert.Equal(bundle.BundleId, spec.Id);
        Assert.Equal(20, spec.ToSpec().Components.Length);
    }

    [Fact]
    public void Its_recipes_read_without_problems_and_build_the_four_targets()
    {
        foreach (var (folder, text) in SyntheticBundle.Create(8, 2_000_000).Recipes())
        {
            var recipe = RecipeText.Parse(folder, text, $"{folder}/recipe.toml");

            Assert.Equal(["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"], recipe.Targets.Select(target => target.Name));
            Assert.Empty(recipe.Build);
            Assert.Contains("{target}", recipe.Archive, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Each_repository_is_one_commit_tagged_for_every_component_it_holds()
    {
        var extensions = SyntheticBundle.Create(6, 2_000_000).Repositories.Single(repository => repository.Name == "extensions");

        var commit = Assert.Single(extensions.History.Commits);
        Assert.Equal(["synth-01/v1.0.0", "synth-02/v1.0.0", "synth-03/v1.0.0"], commit.Tags.AsEnumerable());
        Assert.Contains(commit.Changes, change => change.Path == "synth-02/manifest.toml");
    }

    [Fact]
    public void The_fingerprint_changes_with_the_size_and_the_components()
    {
        Assert.NotEqual(SyntheticBundle.Create(20, 10_000_000).Fingerprint, SyntheticBundle.Create(20, 20_000_000).Fingerprint);
        Assert.NotEqual(SyntheticBundle.Create(20, 10_000_000).Fingerprint, SyntheticBundle.Create(21, 10_000_000).Fingerprint);
        Assert.Equal(SyntheticBundle.Create(20, 10_000_000).Fingerprint, SyntheticBundle.Create(20, 10_000_000).Fingerprint);
    }

    [Fact]
    public void A_large_synthetic_versions_file_validates_without_any_diagnostic()
    {
        var text = SyntheticVersions.Render(500);

        var result = VersionsChecker.Check(text, "versions.toml", Today);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(500, result.Document.Bundles.Length);
        Assert.Equal(50, result.Document.Bundles.Count(bundle => bundle.ToSpec().Kind == Distribution.Core.Model.BundleKind.Lts));
        Assert.NotNull(TomlParser.Parse(text, "versions.toml"));
    }
}
