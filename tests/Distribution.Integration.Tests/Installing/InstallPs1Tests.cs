using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// install.ps1 run by the real pwsh. PowerShell is not installed on the development machine, so these report a
/// skip there; GitHub's ubuntu and macOS runners have pwsh, and .github/workflows/installers.yml runs them on
/// Windows and macOS too.
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
}
