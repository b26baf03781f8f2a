using Distribution.Adapters.Git;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

/// <summary>The <c>fetch</c> verb end to end, with the shipped versions.toml and a temporary cache (PROVISIONING_DIST_CACHE).</summary>
public sealed class FetchCommandTests
{
    [Fact]
    public async Task Fetch_writes_the_lock_then_finds_nothing_new_then_refuses_a_moved_sample_tag_naming_both_commits()
    {
        using var work = new TempDirectory("fetchcli");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };

        var first = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions);
        var second = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions, "--locked");
        var lockText = await File.ReadAllTextAsync(work.Combine("versions.lock"));
        var core = work.Combine("cache", "samples", "provisioning-core.git");
        var locked = (await GitCli.Default.RunCheckedAsync(core, ["rev-parse", "v3.2.1^{commit}"], CancellationToken.None)).Trim();
        var other = (await GitCli.Default.RunCheckedAsync(core, ["rev-parse", "v3.2.0^{commit}"], CancellationToken.None)).Trim();
        await GitCli.Default.RunCheckedAsync(core, ["tag", "-f", "v3.2.1", other], CancellationToken.None);
        var third = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Contains(
            "lock: versions.lock written (6 change(s))",
            first.Output.Replace(work.Path + "/", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Contains(
            $"[bundles.\"stable-3.2\".core]\nversion = \"3.2.1\"\ntag = \"v3.2.1\"\ncommit = \"{locked}\"",
            lockText,
            StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.EndsWith(
            "fetch: nothing new — every mirror was up to date, every tree already exported, the lock unchanged",
            second.Output.TrimEnd(),
            StringComparison.Ordinal);
        Assert.Equal(1, third.ExitCode);
        Assert.Contains("error SRC021: tag 'v3.2.1' of core now points to commit " + other, third.Error, StringComparison.Ordinal);
        Assert.Contains("the lock of bundle 'stable-3.2' says " + locked, third.Error, StringComparison.Ordinal);
        Assert.Equal(lockText, await File.ReadAllTextAsync(work.Combine("versions.lock")));
        // The error stands at the lock's entry and names the line of versions.toml that asks for the version.
        var lockLine = LineOf(lockText, "[bundles.\"stable-3.2\".core]");
        var versionsLines = (await File.ReadAllTextAsync(versions)).Split('\n');
        var bundleLine = Array.IndexOf(versionsLines, "[bundles.\"stable-3.2\"]");
        var coreLine = Array.FindIndex(versionsLines, bundleLine, line => line.StartsWith("core = ", StringComparison.Ordinal)) + 1;
        Assert.Contains($"versions.lock({lockLine},1): error SRC021", third.Error, StringComparison.Ordinal);
        Assert.Contains($"(bundle 'stable-3.2' names it at {versions}({coreLine},", third.Error, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string line) => Array.IndexOf(text.Split('\n'), line) + 1;

    [Fact]
    public async Task Fetch_refuses_a_lock_whose_tree_was_changed_and_leaves_it_as_it_is()
    {
        using var work = new TempDirectory("fetchtree");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };
        var first = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var lockPath = work.Combine("versions.lock");
        var lockText = await File.ReadAllTextAsync(lockPath);
        var start = lockText.IndexOf("[bundles.\"stable-3.2\".core]", StringComparison.Ordinal);
        var treeAt = lockText.IndexOf("tree = \"", start, StringComparison.Ordinal) + "tree = \"".Length;
        var tree = lockText.Substring(treeAt, 40);
        var edited = lockText[..treeAt] + new string('0', 40) + lockText[(treeAt + 40)..];
        await File.WriteAllTextAsync(lockPath, edited);

        var plain = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions);
        var updated = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions, "--update-lock");

        Assert.Equal(1, plain.ExitCode);
        Assert.Contains($"error SRC026: core 3.2.1: commit ", plain.Error, StringComparison.Ordinal);
        Assert.Contains(
            $"has tree {tree} in the mirror, but the lock of bundle 'stable-3.2' says tree {new string('0', 40)}",
            plain.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("lock: ", plain.Output, StringComparison.Ordinal);
        Assert.True(updated.ExitCode == 0, updated.Output + updated.Error);
        Assert.Contains($"warning SRC026: core 3.2.1: commit ", updated.Error + updated.Output, StringComparison.Ordinal);
        Assert.Contains($", tree {new string('0', 40)}) → core 3.2.1 (v3.2.1 = ", updated.Output, StringComparison.Ordinal);
        Assert.Contains($", tree {tree})", updated.Output, StringComparison.Ordinal);
        Assert.Equal(lockText, await File.ReadAllTextAsync(lockPath));
    }

    [Fact]
    public async Task A_repaired_mirror_is_reported_as_rebuilt_not_as_up_to_date()
    {
        using var work = new TempDirectory("fetchrepair");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };
        var first = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions, "--bundle", "stable-3.2");
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var mirror = work.Combine("cache", "mirrors", "provisioning-core.git");
        var blob = (await GitCli.Default.RunCheckedAsync(mirror, ["rev-parse", "v3.2.1:version.toml"], CancellationToken.None)).Trim();
        File.Delete(Path.Combine(mirror, "objects", blob[..2], blob[2..]));
        foreach (var export in Directory.GetDirectories(work.Combine("cache", "sources", "core")))
        {
            Directory.Delete(export, recursive: true);
        }

        var second = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions, "--bundle", "stable-3.2");

        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("sample:provisioning-core: reading v3.2.1 from the mirror failed", second.Output, StringComparison.Ordinal);
        Assert.Matches(
            @"(?m)^sample:provisioning-core → .*provisioning-core\.git: mirror was damaged and has been rebuilt$", second.Output);
        Assert.DoesNotContain(
            second.Output.Split('\n'),
            line => line.StartsWith("sample:provisioning-core → ", StringComparison.Ordinal)
                && line.Contains("up to date", StringComparison.Ordinal));
        Assert.DoesNotContain("fetch: nothing new", second.Output, StringComparison.Ordinal);
        Assert.EndsWith(
            "fetch: 1 bundle(s), 1 tree(s) exported, 1 mirror(s) created or updated (1 of them rebuilt after damage)",
            second.Output.TrimEnd(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_fetch_refuses_to_write_a_missing_or_changed_lock()
    {
        using var work = new TempDirectory("fetchlocked");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };

        var missing = await CliProcess.RunCliAsync(
            work.Path, environment, "fetch", "--versions", versions, "--bundle", "lts-3.1", "--locked");
        var written = await CliProcess.RunCliAsync(work.Path, environment, "fetch", "--versions", versions, "--bundle", "lts-3.1");
        var changed = await CliProcess.RunCliAsync(
            work.Path, environment, "fetch", "--versions", versions, "--bundle", "stable-3.1", "--locked");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains(
            "error SRC023: the lock file would change (--locked): the lock file does not exist", missing.Error, StringComparison.Ordinal);
        Assert.True(written.ExitCode == 0, written.Output + written.Error);
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains(
            "error SRC023: the lock file would change (--locked): stable-3.1: add core 3.1.0 (v3.1.0 = ",
            changed.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("stable-3.1", await File.ReadAllTextAsync(work.Combine("versions.lock")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_prints_the_plan_and_changes_nothing()
    {
        using var work = new TempDirectory("fetchdry");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path, environment, "fetch", "--versions", versions, "--bundle", "lts-3.1", "--dry-run");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("would create mirror", output, StringComparison.Ordinal);
        Assert.Contains("  core 3.1.5 at v3.1.5: commit known after fetching; would add a lock entry", output, StringComparison.Ordinal);
        Assert.Equal(["versions.toml"], Directory.EnumerateFileSystemEntries(work.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Ad_hoc_combination_is_fetched_without_a_lock_entry()
    {
        using var work = new TempDirectory("fetchadhoc");
        var versions = work.Combine("versions.toml");
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"), versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = work.Combine("cache") };

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path,
            environment,
            "fetch",
            "--versions",
            versions,
            "--core=3.3.0",
            "--platform=2.6.0",
            "--workspace=1.4.0",
            "--extensions=azure@2.0.0");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("bundle custom-core-3.3.0-platform-2.6.0-workspace-1.4.0-ext-azure-2.0.0:", output, StringComparison.Ordinal);
        Assert.Contains("  ext-azure 2.0.0 at azure/v2.0.0 = ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(work.Combine("versions.lock")));
    }
}
