using Distribution.Pipeline;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>The bundle-test verbs (test-bundle, test-upgrade, test-integration) run as the real CLI against synthetic registries.</summary>
public sealed class BundleTestVerbTests
{
    private const string InstallSh = "the bundle tests install with install.sh, which runs under a POSIX sh";

    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Test_bundle_installs_over_http_and_passes_every_smoke_check_with_bundle_versions()
    {
        using var temp = new TempDirectory("tb");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var summary = temp.Combine("summary.md");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            temp.Path, GitHub(summary), "test-bundle", "--registry", registry.Root);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("provisioning 3.2.1", output, StringComparison.Ordinal);
        Assert.Contains("provisioning-orchestrator 2.6.0", output, StringComparison.Ordinal);
        Assert.Contains("stable-3.2: 4 smoke check(s) passed", output, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(summary);
        Assert.Contains("| ext-mongodb | 1.2.0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("4 check(s) passed", markdown, StringComparison.Ordinal);
    }

    [UnixOnlyFact(InstallSh)]
    public async Task Test_bundle_fails_with_INS030_when_a_program_prints_another_version()
    {
        using var temp = new TempDirectory("tb");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"));
        foreach (var target in SyntheticRegistry.PlatformTargets)
        {
            registry.WithArchive(
                "platform",
                "2.5.0",
                target,
                ArchiveEntry.File("bin/provisioning-orchestrator", "#!/bin/sh\necho 2.4.9\n", executable: true));
        }

        registry.Write();

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            temp.Path, null, "test-bundle", "--registry", registry.Root, "--bundle", "lts-3.1");

        Assert.Equal(1, exitCode);
        Assert.Contains("error INS030: TestBundle lts-3.1", error, StringComparison.Ordinal);
        Assert.Contains(
            "platform 2.5.0 failed its smoke check (bin/provisioning-orchestrator --version): 2.4.9", error, StringComparison.Ordinal);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [UnixOnlyFact(InstallSh)]
    public async Task Test_bundle_reports_the_installers_refusal_of_a_tampered_archive_as_INS020()
    {
        using var temp = new TempDirectory("tb");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var archive = registry.ArchivePath("ext-mongodb", "1.2.0");
        await File.AppendAllTextAsync(archive, "tampered");

        var (exitCode, _, error) = await CliProcess.RunCliAsync(temp.Path, null, "test-bundle", "--registry", registry.Root);

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "error INS020: install.sh could not install stable-3.2 (exit 1): install.sh: error: provisioning-ext-mongodb-1.2.0.tar.gz has",
            error,
            StringComparison.Ordinal);
    }

    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Test_bundle_installed_smoke_tests_an_existing_install_against_a_manifest_and_installs_nothing()
    {
        using var temp = new TempDirectory("tb");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        var host = Distribution.Pipeline.BundleTestSession.HostTargetOrFail().Split('-');
        installer.Environment["PROVISIONING_OS"] = host[0];
        installer.Environment["PROVISIONING_ARCH"] = host[1];
        Assert.Equal(0, (await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2")).ExitCode);
        var before = installer.State();

        var good = await CliProcess.RunCliAsync(
            temp.Path, null, "test-bundle", "--installed", installer.Prefix, "--manifest", registry.ManifestPath("stable-3.2"));
        var other = await CliProcess.RunCliAsync(
            temp.Path, null, "test-bundle", "--installed", installer.Prefix, "--manifest", registry.ManifestPath("lts-3.1"));
        var noManifest = await CliProcess.RunCliAsync(temp.Path, null, "test-bundle", "--installed", installer.Prefix);
        var empty = await CliProcess.RunCliAsync(
            temp.Path, null, "test-bundle", "--installed", temp.Combine("nothing"), "--manifest", registry.ManifestPath("stable-3.2"));

        Assert.True(good.ExitCode == 0, good.Output + good.Error);
        Assert.Contains("provisioning 3.2.1", good.Output, StringComparison.Ordinal);
        Assert.Contains("stable-3.2: 4 smoke check(s) passed", good.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("installing", good.Output, StringComparison.Ordinal);
        Assert.Equal(before, installer.State());
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("error INS030: TestBundle lts-3.1 installed in", other.Error, StringComparison.Ordinal);
        Assert.Equal(
            (
                1,
                "error INS014: --installed needs --manifest=FILE, the bundle.json the install "
                    + "must match — give --manifest (e.g. the release's bundle.json)"),
            (noManifest.ExitCode, noManifest.Error.Trim()));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("error INS014: nothing is installed in", empty.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_bundle_without_a_registry_says_how_to_make_one()
    {
        using var temp = new TempDirectory("tb");

        var (exitCode, _, error) = await CliProcess.RunCliAsync(temp.Path, null, "test-bundle", "--registry", temp.Combine("none"));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"error INS010: no registry at '{temp.Combine("none")}' (index.json is missing) — "
                + "publish one first (./build.sh --target=PublishBundle) or give --registry=DIR",
            error.Trim());
    }

    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Test_upgrade_goes_from_lts_to_stable_with_no_stale_file_and_a_clean_uninstall()
    {
        using var temp = new TempDirectory("tu");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            temp.Path, null, "test-upgrade", "--registry", registry.Root, "--from", "lts-3.1", "--to", "stable-3.2");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains(
            "lts-3.1 -> stable-3.2: upgraded with no stale file; uninstall restored the prefix", output, StringComparison.Ordinal);
    }

    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Test_integration_checks_the_requested_versions_against_the_bundle()
    {
        using var temp = new TempDirectory("ti");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();

        var good = await CliProcess.RunCliAsync(
            temp.Path,
            null,
            "test-integration",
            "--core",
            "3.2.1",
            "--platform",
            "2.6.0",
            "--extensions",
            "mongodb@1.2.0",
            "--bundle",
            "stable-3.2",
            "--registry",
            registry.Root);
        var wrong = await CliProcess.RunCliAsync(
            temp.Path, null, "test-integration", "--core", "3.3.0", "--bundle", "stable-3.2", "--registry", registry.Root);
        var outOfRange = await CliProcess.RunCliAsync(temp.Path, null, "test-integration", "--core", "9.9.9");

        Assert.True(good.ExitCode == 0, good.Output + good.Error);
        Assert.Contains("TestIntegration core@3.2.1 ext-mongodb@1.2.0 platform@2.6.0", good.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("error INS043: bundle stable-3.2 has core 3.2.1, not the requested 3.3.0", wrong.Error, StringComparison.Ordinal);

        // The combination is checked against the declared ranges of versions.toml before anything is fetched or built.
        Assert.Equal(1, outOfRange.ExitCode);
        Assert.Contains("core 9.9.9 does not satisfy", outOfRange.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("provisioning-dist fetch", outOfRange.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// test-integration's build path: the combination is checked against the matrix, fetched, built for this machine
    /// (create-bundle), published into a temporary registry, installed with install.sh and smoke-tested. About 20 s
    /// with its own cache (the platform services are published with dotnet).
    /// </summary>
    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Test_integration_builds_an_ad_hoc_combination_for_this_machine_installs_it_and_passes_every_smoke_check()
    {
        using var temp = new TempDirectory("ti");
        var versions = temp.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.lock"), temp.Combine("versions.lock"));
        var lockBefore = await File.ReadAllTextAsync(temp.Combine("versions.lock"));
        var target = Distribution.Pipeline.BundleTestSession.HostTargetOrFail();
        var environment = new Dictionary<string, string?>
        {
            ["PROVISIONING_DIST_CACHE"] = temp.Combine("cache"),
            ["SOURCE_DATE_EPOCH"] = null
        };

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            temp.Path,
            environment,
            "test-integration",
            "--core",
            "3.2.1",
            "--platform",
            "2.5.3",
            "--extensions",
            "mongodb@1.2.0",
            "--versions",
            versions);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains(
            "provisioning-dist create-bundle --bundle custom-core-3.2.1 --core 3.2.1 --platform 2.5.3 --workspace "
                + $"1.4.0 --extensions mongodb@1.2.0 --versions {versions} --targets {target} --output ",
            output,
            StringComparison.Ordinal);
        Assert.Contains($"installing custom-core-3.2.1 from http://127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("TestIntegration core@3.2.1 ext-mongodb@1.2.0 platform@2.5.3 workspace@1.4.0", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^core\s+3\.2\.1\s+bin/provisioning --version\s+provisioning 3\.2\.1\s+ok$", output);
        Assert.Matches(
            @"(?m)^platform\s+2\.5\.3\s+.*provisioning-orchestrator.* --version\s+provisioning-orchestrator 2\.5\.3\s+ok$", output);
        Assert.Matches(@"(?m)^workspace\s+1\.4\.0\s+.*share/provisioning/templates/.*\s+ok$", output);
        Assert.Matches(@"(?m)^ext-mongodb\s+1\.2\.0\s+.*lib/provisioning/extensions/mongodb/.*\s+ok$", output);
        Assert.Contains($"custom-core-3.2.1: 5 smoke check(s) passed on {target}", output, StringComparison.Ordinal);
        Assert.Equal(lockBefore, await File.ReadAllTextAsync(temp.Combine("versions.lock")));
    }

    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task A_registry_written_by_the_publish_verb_installs_upgrades_and_uninstalls()
    {
        using var temp = new TempDirectory("e2e");
        var synthetic = SyntheticRegistry.Standard(temp.Combine("synthetic")).Write();
        var published = temp.Combine("registry");
        foreach (var bundle in new[] { "lts-3.1", "stable-3.2" })
        {
            var folder = synthetic.WriteBundleFolder(bundle, temp.Combine("bundles", bundle));
            var publish = await CliProcess.RunCliAsync(temp.Path, null, "publish", "--bundle", folder, "--registry", published);
            Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        }

        var bundleTest = await CliProcess.RunCliAsync(temp.Path, null, "test-bundle", "--registry", published);
        var upgrade = await CliProcess.RunCliAsync(
            temp.Path, null, "test-upgrade", "--registry", published, "--from", "lts-3.1", "--to", "stable-3.2");

        Assert.True(bundleTest.ExitCode == 0, bundleTest.Output + bundleTest.Error);
        Assert.Contains("stable-3.2: 4 smoke check(s) passed", bundleTest.Output, StringComparison.Ordinal);
        Assert.True(upgrade.ExitCode == 0, upgrade.Output + upgrade.Error);
        Assert.True(File.Exists(Path.Combine(published, "installers", "install.sh")), "publish did not copy the installers");
    }

    /// <summary>
    /// The whole pipeline on the embedded samples: fetch, create-bundle (this machine's target), publish, then
    /// test-bundle and test-upgrade: the core CLI runs through its launcher, the platform services, the templates
    /// and the extensions are checked, and the upgrade from the LTS leaves nothing stale.
    /// </summary>
    [UnixOnlyFact(InstallSh, Program = "nu")]
    public async Task Real_bundles_from_the_samples_install_smoke_upgrade_and_uninstall()
    {
        using var temp = new TempDirectory("real");
        var versions = temp.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var lockFile = Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.lock");
        if (File.Exists(lockFile))
        {
            File.Copy(lockFile, temp.Combine("versions.lock"));
        }

        var target = Distribution.Pipeline.BundleTestSession.HostTargetOrFail();
        var registry = temp.Combine("registry");
        foreach (var bundle in new[] { "lts-3.1", "stable-3.2" })
        {
            var folder = temp.Combine("bundles", bundle);
            foreach (var step in new[]
            {
                new[] { "fetch", "--versions", versions, "--bundle", bundle },
                ["create-bundle", "--versions", versions, "--bundle", bundle, "--targets", target, "--output", folder],
                ["publish", "--bundle", folder, "--registry", registry],
            })
            {
                var result = await CliProcess.RunCliAsync(temp.Path, null, step);
                Assert.True(result.ExitCode == 0, $"{string.Join(' ', step)}\n{result.Output}{result.Error}");
            }
        }

        var bundleTest = await CliProcess.RunCliAsync(temp.Path, null, "test-bundle", "--registry", registry);
        var upgrade = await CliProcess.RunCliAsync(
            temp.Path, null, "test-upgrade", "--registry", registry, "--from", "lts-3.1", "--to", "stable-3.2");

        Assert.True(bundleTest.ExitCode == 0, bundleTest.Output + bundleTest.Error);
        Assert.True(upgrade.ExitCode == 0, upgrade.Output + upgrade.Error);
    }

    private static Dictionary<string, string?> GitHub(string summary)
        => new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
}
