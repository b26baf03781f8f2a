using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// Every installer killed with SIGKILL at each step of an upgrade and of an uninstall (the installers' test-only
/// PROVISIONING_TEST_CRASH_AT): a rerun completes exactly what an unkilled run installs, the killed run's staging
/// folder is cleaned, and an uninstall then leaves exactly what the user had.
/// </summary>
public sealed class KilledInstallerTests
{
    private const string Unix = "the installers are killed with SIGKILL";
    private const int KilledBySigkill = 137;

    public static TheoryData<string> UpgradeSteps => ["staged", "receipt-widened", "moving", "stale", "dropping"];

    [UnixOnlyTheory(Unix, Program = "dash")]
    [MemberData(nameof(UpgradeSteps))]
    public Task Dash_killed_during_an_upgrade_reruns_to_the_same_prefix_and_uninstalls_cleanly(string step)
        => KilledUpgradeAsync("dash", step);

    [UnixOnlyTheory(Unix, Program = "bash")]
    [MemberData(nameof(UpgradeSteps))]
    public Task Bash_killed_during_an_upgrade_reruns_to_the_same_prefix_and_uninstalls_cleanly(string step)
        => KilledUpgradeAsync("bash", step);

    [UnixOnlyTheory(Unix, Program = "nu")]
    [MemberData(nameof(UpgradeSteps))]
    public Task Nu_killed_during_an_upgrade_reruns_to_the_same_prefix_and_uninstalls_cleanly(string step) => KilledUpgradeAsync("nu", step);

    [PowerShellTheory]
    [MemberData(nameof(UpgradeSteps))]
    public Task PowerShell_killed_during_an_upgrade_reruns_to_the_same_prefix_and_uninstalls_cleanly(string step)
        => KilledUpgradeAsync("pwsh", step);

    [UnixOnlyFact(Unix, Program = "dash")]
    public Task Dash_killed_during_an_uninstall_reruns_to_what_the_user_had() => KilledUninstallAsync("dash");

    [UnixOnlyFact(Unix, Program = "bash")]
    public Task Bash_killed_during_an_uninstall_reruns_to_what_the_user_had() => KilledUninstallAsync("bash");

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_killed_during_an_uninstall_reruns_to_what_the_user_had() => KilledUninstallAsync("nu");

    [PowerShellFact(UnixOnly = Unix)]
    public Task PowerShell_killed_during_an_uninstall_reruns_to_what_the_user_had() => KilledUninstallAsync("pwsh");

    private static async Task KilledUpgradeAsync(string shell, string step)
    {
        using var temp = new TempDirectory("killed");
        using var other = new TempDirectory("unkilled");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        var unkilled = new Installer(other);
        var initial = WithUsersFile(installer);
        WithUsersFile(unkilled);
        Assert.Equal(0, (await new Installer(temp).InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        Assert.Equal(0, (await unkilled.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        Assert.Equal(0, (await unkilled.InstallAsync(registry.Root, "--bundle", "stable-3.2")).ExitCode);

        installer.Environment["PROVISIONING_TEST_CRASH_AT"] = step;
        var killed = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");
        installer.Environment["PROVISIONING_TEST_CRASH_AT"] = null;
        var rerun = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        AssertKilled(shell, killed, "done: ");
        Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
        Assert.Equal(unkilled.State(), installer.State());
        var uninstall = await installer.RunAsync(shell, "--uninstall", "--prefix", installer.Prefix, "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.Equal(initial, installer.State());
    }

    private static async Task KilledUninstallAsync(string shell)
    {
        using var temp = new TempDirectory("killed");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        var initial = WithUsersFile(installer);
        Assert.Equal(0, (await new Installer(temp).InstallAsync(registry.Root)).ExitCode);

        installer.Environment["PROVISIONING_TEST_CRASH_AT"] = "removing";
        var killed = await installer.RunAsync(shell, "--uninstall", "--prefix", installer.Prefix, "--yes");
        installer.Environment["PROVISIONING_TEST_CRASH_AT"] = null;
        var rerun = await installer.RunAsync(shell, "--uninstall", "--prefix", installer.Prefix, "--yes");

        AssertKilled(shell, killed, "uninstalled from ");
        Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
        Assert.Equal(initial, installer.State());
    }

    /// <summary>
    /// The run ended by SIGKILL before its last line. The npm launcher of nu (tools/node_modules/.bin/nu) runs the real
    /// nu as a child and reports exit 0 when that child is killed, so for nu the missing last line is the proof.
    /// </summary>
    private static void AssertKilled(string shell, (int ExitCode, string Output, string Error) killed, string lastLine)
    {
        Assert.True(
            shell == "nu" || killed.ExitCode == KilledBySigkill,
            $"exit {killed.ExitCode}: the run was not killed\n{killed.Output}{killed.Error}");
        Assert.DoesNotContain(lastLine, killed.Output, StringComparison.Ordinal);
    }

    /// <summary>The user's own file in the prefix, which must survive everything; returns the prefix's state with it.</summary>
    private static string WithUsersFile(Installer installer)
    {
        Directory.CreateDirectory(Path.Combine(installer.Prefix, "bin"));
        File.WriteAllText(Path.Combine(installer.Prefix, "bin/someone-elses-tool"), "keep me\n");
        return installer.State();
    }
}
