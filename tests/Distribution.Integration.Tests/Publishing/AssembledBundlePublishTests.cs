using Distribution.Core.Contract;
using Distribution.Core.Publishing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>
/// End to end over the packaging phase's real output: a bundle folder written by <c>assemble-bundle</c>, published twice.
/// </summary>
public sealed class AssembledBundlePublishTests
{
    [Fact]
    public async Task A_bundle_folder_from_assemble_bundle_publishes_to_registry_and_release_and_a_second_run_changes_nothing()
    {
        using var work = new TempDirectory("pube2e");
        await using var fake = await FakeGitHub.StartAsync();
        var synthetic = SyntheticBundle.Create(work.Combine("synthetic"));
        var shard = Directory.CreateDirectory(work.Combine("shard")).FullName;
        foreach (var file in Directory.EnumerateFiles(synthetic, "provisioning-*.tar.gz").Where(file => !Path.GetFileName(file).StartsWith(
            "provisioning-bundle-", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(shard, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(synthetic, "bundle.json"), Path.Combine(shard, "shard.json"));
        File.Copy(Path.Combine(synthetic, "RELEASE_NOTES.md"), Path.Combine(shard, "RELEASE_NOTES.md"));
        var bundle = work.Combine("bundles", "stable-3.2");
        var registry = work.Combine("registry");
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_API_URL"] = fake.ApiUrl.ToString(),
            ["GITHUB_TOKEN"] = FakeGitHub.Token,
            ["PROVISIONING_SIGNING_KEY"] = Installing.TestKeys.Registry.PrivateKeyPem(),
            ["PROVISIONING_DIST_RETRY_DELAY_MS"] = "5",
        };

        var assembled = await CliProcess.RunCliAsync(work.Path, null, "assemble-bundle", "--artifacts-from", shard, "--output", bundle);
        Assert.True(assembled.ExitCode == 0, assembled.Output + assembled.Error);
        var first = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var tree = RegistryPublishTests.Tree(registry);
        var release = fake.Describe();
        var mutating = fake.MutatingRequests;
        var second = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository);

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("unchanged (serial 1)", second.Output, StringComparison.Ordinal);
        Assert.Equal(tree, RegistryPublishTests.Tree(registry));
        Assert.Equal(release, fake.Describe());
        Assert.Equal(mutating, fake.MutatingRequests);
        var index = RegistryIndexJson.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "index.json")), "index.json");
        Assert.Equal("stable-3.2", index.Channels["stable"]);
        Assert.Contains(index.Files, file => file.Path == "bundles/stable-3.2/provisioning-bundle-stable-3.2.tar.gz");
        var published = Assert.Single(fake.Releases);
        Assert.False(published.Draft);
        Assert.Equal(
            Directory.EnumerateFiles(bundle).Select(Path.GetFileName).Append("bundle.json.sig")
                .Order(StringComparer.Ordinal),
            published.Assets.Select(asset => asset.Name).Order(StringComparer.Ordinal));
    }
}
