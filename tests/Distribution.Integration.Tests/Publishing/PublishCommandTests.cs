using Distribution.Adapters.Registry;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>The <c>publish</c> verb as users and Cake run it: a real process against a registry folder and the fake GitHub API.</summary>
public sealed class PublishCommandTests
{
    [Fact]
    public async Task Dry_run_prints_every_copy_and_request_and_sends_no_request_at_all()
    {
        using var work = new TempDirectory("pubcli");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var registry = work.Combine("registry");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(work.Path, Environment(fake), "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository, "--dry-run");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal(0, fake.Requests);
        Assert.False(Directory.Exists(registry));
        Assert.Contains("dry run: would copy", output, StringComparison.Ordinal);
        Assert.Contains("dry run: would write", output, StringComparison.Ordinal);
        Assert.Contains("dry run: would send POST /repos/acme/provisioning/releases", output, StringComparison.Ordinal);
        Assert.Contains("dry run: would send POST {upload_url}?name=bundle.json", output, StringComparison.Ordinal);
        Assert.Contains("dry run: would send PATCH /repos/acme/provisioning/releases/{id}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_artifact_is_refused_with_exit_code_1_naming_the_file_and_both_digests()
    {
        using var work = new TempDirectory("pubcli");
        var registry = work.Combine("registry");
        var original = SyntheticBundle.Create(work.Combine("a"));
        var tampered = SyntheticBundle.Create(work.Combine("b"), seed: "tampered");
        var name = "provisioning-platform-3.2.0-linux-x64.tar.gz";
        var (first, firstOutput, firstError) = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", original, "--registry", registry);
        Assert.True(first == 0, firstOutput + firstError);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", tampered, "--registry", registry);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n'), item => item.Contains(name, StringComparison.Ordinal));
        Assert.Contains("error PUB010:", line, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(await File.ReadAllBytesAsync(Path.Combine(original, name))), line, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(await File.ReadAllBytesAsync(Path.Combine(tampered, name))), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_at_random_points_and_rerun_the_publish_ends_like_an_uninterrupted_one()
    {
        using var work = new TempDirectory("pubkill");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        await using var reference = await FakeGitHub.StartAsync();
        var referenceRegistry = work.Combine("reference");
        await PublishAsync(reference, bundle, referenceRegistry, faultAfter: null, expectKilled: false);
        var referenceTree = RegistryPublishTests.Tree(referenceRegistry);
        var referenceRelease = reference.Describe();
        await PublishAsync(reference, bundle, referenceRegistry, faultAfter: null, expectKilled: false);
        Assert.Equal(referenceTree, RegistryPublishTests.Tree(referenceRegistry));
        Assert.Equal(referenceRelease, reference.Describe());

        // 7 bundle files: at least 7 × 2 registry steps + the index + 1 create + 7 uploads + 1 publish = 24 steps,
        // so every fault below lands inside the publish. Seeded: the same points on every run of the test.
        var random = new Random(20261121);
        for (var round = 0; round < 5; round++)
        {
            await using var fake = await FakeGitHub.StartAsync();
            var registry = work.Combine($"run{round}");
            var crashes = new List<int> { random.Next(0, 24) };
            if (round % 2 == 1)
            {
                crashes.Add(random.Next(0, 12));
            }

            foreach (var crash in crashes)
            {
                await PublishAsync(fake, bundle, registry, crash, expectKilled: true);
            }

            await PublishAsync(fake, bundle, registry, faultAfter: null, expectKilled: false);

            Assert.True(referenceTree == RegistryPublishTests.Tree(registry), $"registry after crashes at {string.Join(", ", crashes)} differs");
            Assert.True(referenceRelease == fake.Describe(), $"release after crashes at {string.Join(", ", crashes)} differs:\n{fake.Describe()}");
        }
    }

    private static Dictionary<string, string?> Environment(FakeGitHub fake) => new()
    {
        ["GITHUB_API_URL"] = fake.ApiUrl.ToString(),
        ["GITHUB_TOKEN"] = FakeGitHub.Token,
        ["GH_TOKEN"] = null,
        [PublishCommandRetryDelay] = "5",
        [FaultInjection.Variable] = null,
    };

    private const string PublishCommandRetryDelay = "PROVISIONING_DIST_RETRY_DELAY_MS";

    private static async Task PublishAsync(FakeGitHub fake, string bundle, string registry, int? faultAfter, bool expectKilled)
    {
        var environment = Environment(fake);
        environment[FaultInjection.Variable] = faultAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exitCode, output, error) = await CliProcess.RunCliAsync(Path.GetDirectoryName(bundle)!, environment, "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository);
        Assert.DoesNotContain(FakeGitHub.Token, output + error, StringComparison.Ordinal);
        if (expectKilled)
        {
            Assert.True(exitCode == 137, $"expected the fault after {faultAfter} steps to kill the publisher; exit code {exitCode}\n{output}{error}");
        }
        else
        {
            Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}{error}");
        }
    }
}
