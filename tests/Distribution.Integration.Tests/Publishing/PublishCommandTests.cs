using Distribution.Adapters.Registry;
using Distribution.Core.Contract;
using Distribution.Core.Publishing;
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

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path,
            Environment(fake),
            "publish",
            "--bundle",
            bundle,
            "--registry",
            registry,
            "--github-repo",
            fake.Repository,
            "--dry-run");

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
        var (first, firstOutput, firstError) = await CliProcess.RunCliAsync(
            work.Path, null, "publish", "--bundle", original, "--registry", registry);
        Assert.True(first == 0, firstOutput + firstError);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", tampered, "--registry", registry);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n'), item => item.Contains(name, StringComparison.Ordinal));
        Assert.Contains("error PUB010:", line, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(await File.ReadAllBytesAsync(Path.Combine(original, name))), line, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(await File.ReadAllBytesAsync(Path.Combine(tampered, name))), line, StringComparison.Ordinal);
    }

    /// <summary>A dry run changes nothing, not even the cache: without a key it signs with a throwaway one and says so.</summary>
    [Fact]
    public async Task Dry_run_without_a_signing_key_makes_no_development_key()
    {
        using var work = new TempDirectory("pubdry");
        var folder = SyntheticBundle.Create(work.Combine("bundles"));
        var cache = work.Combine("cache");
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = cache };

        var dry = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", folder, "--registry", work.Combine("registry"), "--dry-run");

        Assert.True(dry.ExitCode == 0, dry.Output + dry.Error);
        Assert.Contains("dry run: would make a development signing key", dry.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cache, "signing")));
        Assert.False(Directory.Exists(work.Combine("registry")));

        var real = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", folder, "--registry", work.Combine("registry"));

        Assert.True(real.ExitCode == 0, real.Output + real.Error);
        Assert.True(File.Exists(Path.Combine(cache, "signing", "DEVELOPMENT-ONLY-signing-key.pem")));
    }

    /// <summary>Issue 21: the SBOM published with a bundle is the one its bundle.json gives, even when SHA256SUMS was redone.</summary>
    [Fact]
    public async Task An_sbom_edited_after_assembly_is_refused_with_exit_code_1_before_anything_is_published()
    {
        using var work = new TempDirectory("pubsbom");
        var registry = work.Combine("registry");
        var folder = SyntheticBundle.Create(work.Combine("bundles"));
        var sbom = Path.Combine(folder, "bundle.cdx.json");
        await File.WriteAllTextAsync(
            sbom, (await File.ReadAllTextAsync(sbom)).Replace("\"name\": \"core\"", "\"name\": \"c0re\"", StringComparison.Ordinal));
        SyntheticBundle.WriteSums(folder);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", folder, "--registry", registry);

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "bundle.cdx.json: error PUB008: bundle.cdx.json is not the SBOM of this bundle.json (bundle stable-3.2)",
            error,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(registry, "packages")));
    }

    [Fact]
    public async Task Two_publisher_processes_into_one_registry_wait_for_the_lock_and_both_bundles_land_in_the_index()
    {
        using var work = new TempDirectory("publock");
        var registry = work.Combine("registry");
        var older = SyntheticBundle.Create(
            work.Combine("bundles"),
            "stable-3.1",
            releaseDate: "2025-06-01",
            components: [("core", "3.1.0", "noarch"), ("ext-mongodb", "1.2.0", "noarch")]);
        var newer = SyntheticBundle.Create(
            work.Combine("bundles"), "stable-3.2", components: [("core", "3.2.1", "noarch"), ("ext-mongodb", "1.2.0", "noarch")]);
        var environment = new Dictionary<string, string?> { [FaultInjection.Variable] = null };

        // Hold the lock here until both processes say they wait for it, so that they really run at the same time.
        using var held = await RegistryLock.AcquireAsync(registry, TimeSpan.Zero, _ => { }, CancellationToken.None);
        using var first = CliProcess.StartCli(work.Path, environment, "publish", "--bundle", older, "--registry", registry);
        using var second = CliProcess.StartCli(work.Path, environment, "publish", "--bundle", newer, "--registry", registry);
        var waiting = Task.WhenAll(
            first.WhenOutput(line => line.StartsWith("waiting for another publish", StringComparison.Ordinal)),
            second.WhenOutput(line => line.StartsWith("waiting for another publish", StringComparison.Ordinal)));
        var outcome = await Task.WhenAny(waiting, first.Exited, second.Exited, Task.Delay(TimeSpan.FromMinutes(2)));
        var bothWaited = outcome == waiting;
        Assert.False(File.Exists(Path.Combine(registry, "index.json")));
        held.Dispose();
        Assert.True(bothWaited, "both publishers should have waited for the lock");

        var results = new[] { await first.WaitAsync(TimeSpan.FromMinutes(2)), await second.WaitAsync(TimeSpan.FromMinutes(2)) };

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Output + result.Error));
        var index = RegistryIndexJson.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "index.json")), "index.json");
        Assert.Equal(2, ValidIndexSerial(registry));
        Assert.Equal(["stable-3.1", "stable-3.2"], index.Bundles.Select(bundle => bundle.Id));
        Assert.Equal("stable-3.2", index.Channels["stable"]);
        Assert.Equal(
            ["3.1.0", "3.2.1"], index.Components.Where(component => component.Id == "core").Select(component => component.Version));
        Assert.Empty(Directory.EnumerateFiles(registry, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_malformed_GitHub_answer_exits_1_with_PUB022_not_2()
    {
        using var work = new TempDirectory("pubcli");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        fake.Inject(FakeGitHub.FaultKind.WrongShape, "GET", "/releases?per_page");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path,
            Environment(fake),
            "publish",
            "--bundle",
            bundle,
            "--registry",
            work.Combine("registry"),
            "--github-repo",
            fake.Repository);

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}{error}");
        var line = Assert.Single(error.Split('\n'), item => item.Contains("PUB022", StringComparison.Ordinal));
        Assert.StartsWith(
            "error PUB022: GitHub: GET /api/v3/repos/acme/provisioning/releases answered not the JSON GitHub sends",
            line,
            StringComparison.Ordinal);
        Assert.Contains(" — ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGitHub.Token, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killed_before_each_mutating_step_in_turn_and_rerun_the_publish_ends_like_an_uninterrupted_one()
    {
        using var work = new TempDirectory("pubkill");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var (referenceTree, referenceRelease) = await ReferenceAsync(work, bundle);

        // Crash before step k+1 for k = 0, 1, 2, … until a run is not killed: that run took every step there is, so
        // every fault point of the publish (registry copies and renames, the index, the release, each upload, the
        // final publish) has been crashed at once, in order. Bounded: a publish of 7 files has far fewer steps.
        // Two points at a time, each with its own registry and fake GitHub.
        var points = -1;
        for (var batch = 0; points < 0; batch += 2)
        {
            Assert.True(batch < MaxFaultPoints, $"the publish took more than {MaxFaultPoints} mutating steps");
            var outcomes = await Task.WhenAll(Enumerable.Range(batch, 2).Select(point => CrashAndRerunAsync(work, bundle, point)));
            foreach (var (point, completed, tree, release) in outcomes)
            {
                if (completed)
                {
                    // Not killed: the run took all `point` steps, and every higher point completes too.
                    points = points < 0 ? point : Math.Min(points, point);
                }

                Assert.True(
                    referenceTree == tree,
                    $"registry {(completed ? $"of the run with {point} steps" : $"after a crash at step {point + 1}")} differs");
                Assert.True(
                    referenceRelease == release,
                    $"release {(completed ? $"of the run with {point} steps" : $"after a crash at step {point + 1}")} differs:\n{release}");
            }
        }

        // 10 registry files × 2 + the index + the release + 7 uploads + the final publish, at the least.
        Assert.True(points >= 30, $"only {points} fault points: the loop did not reach the GitHub steps");

        // The rerun itself crashed too, at seeded points: the second rerun still ends in the same state.
        var random = new Random(20261121);
        for (var round = 0; round < 3; round++)
        {
            var first = random.Next(0, points);
            var second = random.Next(0, points / 2);
            await using var fake = await FakeGitHub.StartAsync();
            var registry = work.Combine($"twice{round}");
            Assert.Equal(Killed, await PublishAsync(fake, bundle, registry, first));
            Assert.Contains(await PublishAsync(fake, bundle, registry, second), new[] { 0, Killed });
            Assert.Equal(0, await PublishAsync(fake, bundle, registry, faultAfter: null));
            Assert.True(referenceTree == RegistryPublishTests.Tree(registry), $"registry after crashes at {first} and {second} differs");
            Assert.True(referenceRelease == fake.Describe(), $"release after crashes at {first} and {second} differs:\n{fake.Describe()}");
        }
    }

    [Fact]
    public async Task Killed_from_outside_mid_upload_or_after_a_seeded_delay_and_rerun_the_publish_ends_like_an_uninterrupted_one()
    {
        using var work = new TempDirectory("pubkill");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var (referenceTree, referenceRelease) = await ReferenceAsync(work, bundle);
        var uninterrupted = (int)Math.Max(200, timer.ElapsedMilliseconds / 2);
        var assets = Directory.EnumerateFiles(bundle).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var random = new Random(20261122);
        var killedMidUpload = 0;
        for (var round = 0; round < 6; round++)
        {
            await using var fake = await FakeGitHub.StartAsync();
            var registry = work.Combine($"outside{round}");
            using var run = CliProcess.StartCli(
                Path.GetDirectoryName(bundle)!,
                Environment(fake),
                "publish",
                "--bundle",
                bundle,
                "--registry",
                registry,
                "--github-repo",
                fake.Repository);
            string what;
            var midUpload = round % 2 == 0;
            if (midUpload)
            {
                // When the fake GitHub has half of an upload's body, kill the publisher by its pid.
                var asset = assets[random.Next(assets.Count)];
                var (half, abandoned) = fake.PauseUpload(asset);
                var first = await Task.WhenAny(half, run.Exited, Task.Delay(TimeSpan.FromMinutes(2)));
                Assert.True(first == half, $"round {round}: the upload of {asset} never started");
                run.KillById();
                Assert.True(await abandoned, $"round {round}: the fake GitHub did not see the killed publisher go away");
                Assert.Contains($"  {asset} starter 0 ", fake.Describe(), StringComparison.Ordinal);
                what = $"a kill with half of {asset} uploaded";
                killedMidUpload++;
            }
            else
            {
                // After a seeded delay within the length of an uninterrupted run (it may also land before or after the publish).
                var delay = random.Next(0, uninterrupted);
                await Task.WhenAny(Task.Delay(delay), run.Exited);
                run.KillById();
                what = $"a kill after {delay} ms";
            }

            var (exitCode, output, error) = await run.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exitCode == Killed || (exitCode == 0 && !midUpload), $"{what}: exit code {exitCode}\n{output}{error}");

            Assert.Equal(0, await PublishAsync(fake, bundle, registry, faultAfter: null));
            Assert.True(referenceTree == RegistryPublishTests.Tree(registry), $"registry after {what} differs");
            Assert.True(referenceRelease == fake.Describe(), $"release after {what} differs:\n{fake.Describe()}");
            Assert.Single(fake.Releases);
        }

        Assert.Equal(3, killedMidUpload);
    }

    [Fact]
    public async Task A_crash_at_any_step_of_a_publish_that_changes_the_installers_leaves_an_index_whose_files_are_all_as_listed()
    {
        using var work = new TempDirectory("pubidx");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        SyntheticBundle.Installers(work.Combine("root-v1"));
        SyntheticBundle.Installers(work.Combine("root-v2"), flavour: "2");
        var published = work.Combine("published");
        Assert.Equal(0, await RegistryOnlyAsync(work.Combine("root-v1"), bundle, published, faultAfter: null));
        Assert.Equal(1, ValidIndexSerial(published));

        // Crash the publish of the new installers before each of its steps in turn: whatever the moment, the index on
        // disk (the old one or the new one) lists only files that are there with the listed size and sha256.
        for (var point = 0; ; point++)
        {
            Assert.True(point < MaxFaultPoints, $"the publish took more than {MaxFaultPoints} mutating steps");
            var registry = work.Combine($"crash{point}");
            TestFiles.CopyDirectory(published, registry);
            var exitCode = await RegistryOnlyAsync(work.Combine("root-v2"), bundle, registry, point);
            Assert.Contains(ValidIndexSerial(registry), new long[] { 1, 2 });
            if (exitCode == 0)
            {
                Assert.True(point >= 13, $"only {point} steps: 3 installers × 2 + the index + 3 convenience copies × 2 expected");
                break;
            }

            Assert.Equal(Killed, exitCode);
            Assert.Equal(0, await RegistryOnlyAsync(work.Combine("root-v2"), bundle, registry, faultAfter: null));
            Assert.Equal(2, ValidIndexSerial(registry));
            Assert.Equal("# install.sh v2\n", await File.ReadAllTextAsync(Path.Combine(registry, "installers", "install.sh")));
        }
    }

    /// <summary>Checks that every file index.json lists is on disk with the listed size and sha256; the index's serial.</summary>
    private static long ValidIndexSerial(string registry)
    {
        var index = RegistryIndexJson.Parse(File.ReadAllText(Path.Combine(registry, "index.json")), "index.json");
        foreach (var file in index.Files)
        {
            var path = Path.Combine(registry, file.Path);
            Assert.True(File.Exists(path), $"index serial {index.Serial} lists {file.Path}, which is missing");
            var bytes = File.ReadAllBytes(path);
            Assert.True(
                bytes.LongLength == file.Size && SyntheticBundle.Sha256(bytes) == file.Sha256,
                $"index serial {index.Serial} lists {file.Path} with sha256 {file.Sha256} ({file.Size} bytes); "
                    + $"the file has sha256 {SyntheticBundle.Sha256(bytes)} ({bytes.LongLength} bytes)");
        }

        return index.Serial;
    }

    private static async Task<int> RegistryOnlyAsync(string root, string bundle, string registry, int? faultAfter)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PROVISIONING_DIST_ROOT"] = root,
            [FaultInjection.Variable] = faultAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PROVISIONING_SIGNING_KEY"] = Installing.TestKeys.Registry.PrivateKeyPem(), // one key for both roots
        };
        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            root, environment, "publish", "--bundle", bundle, "--registry", registry);
        Assert.True(
            exitCode == 0 || (exitCode == Killed && faultAfter is not null),
            $"exit code {exitCode} (fault after {faultAfter})\n{output}{error}");
        return exitCode;
    }

    /// <summary>
    /// Publishes into a fresh registry and fake GitHub, crashing after <paramref name="point"/> steps, then reruns when it
    /// was killed; whether the first run completed (took no more than that many steps), and the registry tree and release.
    /// </summary>
    private static async Task<(int Point, bool Completed, string Tree, string Release)> CrashAndRerunAsync(
        TempDirectory work, string bundle, int point)
    {
        await using var fake = await FakeGitHub.StartAsync();
        var registry = work.Combine($"at{point}");
        var exitCode = await PublishAsync(fake, bundle, registry, faultAfter: point);
        if (exitCode != 0)
        {
            Assert.Equal(0, await PublishAsync(fake, bundle, registry, faultAfter: null));
        }

        return (point, exitCode == 0, RegistryPublishTests.Tree(registry), fake.Describe());
    }

    /// <summary>An uninterrupted publish, run twice (the second changes nothing): its registry tree and release.</summary>
    private static async Task<(string Tree, string Release)> ReferenceAsync(TempDirectory work, string bundle)
    {
        await using var reference = await FakeGitHub.StartAsync();
        var registry = work.Combine("reference");
        Assert.Equal(0, await PublishAsync(reference, bundle, registry, faultAfter: null));
        var tree = RegistryPublishTests.Tree(registry);
        var release = reference.Describe();
        Assert.Equal(0, await PublishAsync(reference, bundle, registry, faultAfter: null));
        Assert.Equal(tree, RegistryPublishTests.Tree(registry));
        Assert.Equal(release, reference.Describe());
        return (tree, release);
    }

    /// <summary>
    /// The CLI's environment for publishing to <paramref name="fake"/>: its API and token, a release signing key (a
    /// release is never signed with the development key), quick retries, no fault injection.
    /// </summary>
    internal static Dictionary<string, string?> Environment(FakeGitHub fake) => new()
    {
        ["GITHUB_API_URL"] = fake.ApiUrl.ToString(),
        ["GITHUB_TOKEN"] = FakeGitHub.Token,
        ["PROVISIONING_SIGNING_KEY"] = Installing.TestKeys.Registry.PrivateKeyPem(),
        ["PROVISIONING_SIGNING_KEY_FILE"] = null,
        ["GH_TOKEN"] = null,
        [PublishCommandRetryDelay] = "5",
        [FaultInjection.Variable] = null,
    };

    private const string PublishCommandRetryDelay = "PROVISIONING_DIST_RETRY_DELAY_MS";

    private const int Killed = 137;

    private const int MaxFaultPoints = 100;

    /// <summary>Runs the publish (crashing after <paramref name="faultAfter"/> steps when given); its exit code.</summary>
    private static async Task<int> PublishAsync(FakeGitHub fake, string bundle, string registry, int? faultAfter)
    {
        var environment = Environment(fake);
        environment[FaultInjection.Variable] = faultAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            Path.GetDirectoryName(bundle)!,
            environment,
            "publish",
            "--bundle",
            bundle,
            "--registry",
            registry,
            "--github-repo",
            fake.Repository);
        Assert.DoesNotContain(FakeGitHub.Token, output + error, StringComparison.Ordinal);
        Assert.True(exitCode is 0 or Killed, $"exit code {exitCode} (fault after {faultAfter})\n{output}{error}");
        Assert.True(exitCode == 0 || faultAfter is not null, $"killed without a fault\n{output}{error}");
        return exitCode;
    }
}
