using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// install.ps1 run by the real pwsh (the local tool pinned in .config/dotnet-tools.json), case for case with
/// install.sh's tests; .github/workflows/installers.yml also runs them on Windows and macOS.
/// </summary>
public sealed class InstallPs1Tests
{
    [PowerShellFact(UnixOnly = "compared with install.sh, which runs under a POSIX sh")]
    public async Task PowerShell_installs_exactly_what_install_sh_installs()
    {
        using var temp = new TempDirectory("ips");
        using var other = new TempDirectory("ish");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var ps = new Installer(temp) { DefaultShell = "pwsh" };
        var sh = new Installer(other);

        var (exitCode, output, error) = await ps.InstallAsync(registry.Root);
        Assert.Equal(0, (await sh.InstallAsync(registry.Root)).ExitCode);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("install core 3.2.1", output, StringComparison.Ordinal);
        Assert.Equal(sh.State(), ps.State());
    }

    [PowerShellFact]
    public async Task PowerShell_upgrades_removes_stale_files_and_uninstalls_cleanly()
    {
        using var temp = new TempDirectory("ips");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var ps = new Installer(temp) { DefaultShell = "pwsh" };
        Directory.CreateDirectory(ps.Prefix);
        File.WriteAllText(Path.Combine(ps.Prefix, "README.users"), "mine\n");
        var before = ps.State();
        Assert.Equal(0, (await ps.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);

        var (exitCode, output, error) = await ps.InstallAsync(registry.Root, "--channel", "stable");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("upgrade core 3.1.0 -> 3.2.1", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ps.Prefix, "lib/provisioning/core-3.1.0.nu")));
        Assert.False(Directory.Exists(Path.Combine(ps.Prefix, "lib/provisioning/extensions/azure")));
        var uninstall = await ps.RunAsync("pwsh", "--uninstall", "--prefix", ps.Prefix, "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.Equal(before, ps.State());
    }

    [PowerShellFact]
    public async Task PowerShell_dry_run_changes_nothing_and_usage_errors_exit_2()
    {
        using var temp = new TempDirectory("ips");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var ps = new Installer(temp) { DefaultShell = "pwsh" };

        var dryRun = await ps.InstallAsync(registry.Root, "--dry-run");
        var both = await ps.RunAsync("pwsh", "--registry", "x", "--bundle", "a", "--channel", "lts");

        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Contains("dry run: nothing was changed", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal("(no prefix)", ps.State());
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("install.ps1: error: -Bundle and -Channel exclude each other", both.Error, StringComparison.Ordinal);
    }

    [PowerShellTheory]
    [MemberData(nameof(InstallShTests.BadInputs), MemberType = typeof(InstallShTests))]
    public Task PowerShell_refuses_bad_input_clearly_and_leaves_the_earlier_install_intact(string bad, string expected) =>
        InstallShTests.RefusesBadInputAsync("pwsh", bad, expected);

    [PowerShellFact]
    public Task PowerShell_installing_twice_changes_nothing_and_a_dry_run_changes_nothing() =>
        InstallShTests.InstallsTwiceAndDryRunsAsync("pwsh");

    [PowerShellFact]
    public Task PowerShell_installs_and_uninstalls_one_component_alone() =>
        InstallShTests.InstallsAndUninstallsOneComponentAsync("pwsh");

    [PowerShellFact]
    public Task PowerShell_a_downgrade_says_so_and_needs_allow_downgrade() => InstallShTests.RefusesDowngradeUnlessAllowedAsync("pwsh");

    [PowerShellFact]
    public Task PowerShell_installs_over_loopback_http() => InstallShTests.InstallsOverHttpAsync("curl", "pwsh");

    [PowerShellFact]
    public Task PowerShell_follows_a_redirect_to_loopback_and_refuses_one_to_plain_http_elsewhere() =>
        InstallShTests.FollowsAndRefusesRedirectsAsync("pwsh");

    [PowerShellFact]
    public async Task PowerShell_picks_the_darwin_arm64_platform_archive_when_told()
    {
        using var temp = new TempDirectory("ips");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var ps = new Installer(temp) { DefaultShell = "pwsh" };
        ps.Environment["PROVISIONING_OS"] = "darwin";
        ps.Environment["PROVISIONING_ARCH"] = "arm64";

        var (exitCode, output, error) = await ps.InstallAsync(registry.Root, "--dry-run");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("target: darwin-arm64", output, StringComparison.Ordinal);
        Assert.Contains("provisioning-platform-2.6.0-darwin-arm64.tar.gz", output, StringComparison.Ordinal);
    }

    [PowerShellFact]
    public async Task PowerShell_usage_errors_exit_2_and_name_the_problem()
    {
        using var temp = new TempDirectory("ips");
        var ps = new Installer(temp) { DefaultShell = "pwsh" };

        var noRegistry = await ps.RunAsync("pwsh", "--prefix", ps.Prefix);
        var channel = await ps.RunAsync("pwsh", "--registry", "x", "--channel", "nightly");
        var noVersion = await ps.RunAsync("pwsh", "--registry", "x", "--component", "core");

        Assert.Equal(
            (2, "install.ps1: error: no registry: give -Registry URL|PATH or set PROVISIONING_REGISTRY — run install.ps1 -?"),
            (noRegistry.ExitCode, noRegistry.Error.Trim()));
        Assert.Equal(
            (2, "install.ps1: error: unknown channel 'nightly' (use stable or lts) — run install.ps1 -?"),
            (channel.ExitCode, channel.Error.Trim()));
        Assert.Equal(
            (2, "install.ps1: error: -Component needs a version: -Component core@VERSION — run install.ps1 -?"),
            (noVersion.ExitCode, noVersion.Error.Trim()));
    }

    [PowerShellFact]
    public async Task PowerShell_without_a_terminal_asks_no_question_even_without_yes()
    {
        using var temp = new TempDirectory("ips");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var ps = new Installer(temp) { DefaultShell = "pwsh" };

        var (exitCode, output, error) = await ps.RunAsync("pwsh", "--registry", registry.Root, "--prefix", ps.Prefix);

        Assert.True(exitCode == 0, output + error);
        Assert.DoesNotContain("[y/N]", output, StringComparison.Ordinal);
        Assert.Equal("3.2.1\n", ps.Receipt("core.version"));
        Assert.True(ps.TempIsEmpty(), "the temporary folder was not cleaned");
    }
}
