using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>install.nu run by the real nu (tools/node_modules/.bin/nu): the same behaviour and receipts as install.sh.</summary>
public sealed class InstallNuTests
{
    private const string Nu = "install.nu installs the Linux and macOS targets "
        + "(tar, file modes, symbolic links) and is compared with install.sh";

    [UnixOnlyFact(Nu, Program = "nu")]
    public async Task Nu_installs_exactly_what_install_sh_installs()
    {
        using var temp = new TempDirectory("inu");
        using var other = new TempDirectory("ish");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var nu = new Installer(temp) { DefaultShell = "nu" };
        var sh = new Installer(other);

        var (exitCode, output, error) = await nu.InstallAsync(registry.Root);
        Assert.Equal(0, (await sh.InstallAsync(registry.Root)).ExitCode);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("install core 3.2.1", output, StringComparison.Ordinal);
        Assert.Equal(sh.State(), nu.State());
        Assert.True(nu.TempIsEmpty(), "the temporary folder was not cleaned");
    }

    [UnixOnlyFact(Nu, Program = "nu")]
    public async Task Nu_upgrades_an_install_sh_install_and_install_sh_uninstalls_it_cleanly()
    {
        using var temp = new TempDirectory("inu");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var sh = new Installer(temp);
        var nu = new Installer(temp) { DefaultShell = "nu" };
        Directory.CreateDirectory(sh.Prefix);
        File.WriteAllText(Path.Combine(sh.Prefix, "README.users"), "mine\n");
        var before = sh.State();
        Assert.Equal(0, (await sh.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);

        var (exitCode, output, error) = await nu.InstallAsync(registry.Root, "--channel", "stable");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("upgrade core 3.1.0 -> 3.2.1", output, StringComparison.Ordinal);
        Assert.Contains("remove ext-azure 1.0.0 (not in bundle stable-3.2)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(sh.Prefix, "lib/provisioning/core-3.1.0.nu")));
        var uninstall = await sh.RunAsync("sh", "--uninstall", "--prefix", sh.Prefix, "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.Equal(before, sh.State());
    }

    [UnixOnlyFact(Nu, Program = "nu")]
    public async Task Nu_dry_run_and_uninstall_of_one_component()
    {
        using var temp = new TempDirectory("inu");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var nu = new Installer(temp) { DefaultShell = "nu" };
        Assert.Equal(0, (await nu.InstallAsync(registry.Root)).ExitCode);
        var installed = nu.State();

        var dryRun = await nu.InstallAsync(registry.Root, "--component", "core@3.1.0", "--dry-run", "--allow-downgrade");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Contains("downgrade core 3.2.1 -> 3.1.0", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(installed, nu.State());

        var uninstall = await nu.RunAsync("nu", "--uninstall", "--component", "platform", "--prefix", nu.Prefix, "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.False(File.Exists(Path.Combine(nu.Prefix, "bin/provisioning-orchestrator")));
        Assert.True(File.Exists(Path.Combine(nu.Prefix, "bin/provisioning")));
    }

    [UnixOnlyFact(Nu, Program = "nu")]
    public Task Nu_a_downgrade_says_so_and_needs_allow_downgrade() => InstallShTests.RefusesDowngradeUnlessAllowedAsync("nu");

    [UnixOnlyFact(Nu, Program = "nu")]
    public async Task Nu_usage_errors_exit_2()
    {
        using var temp = new TempDirectory("inu");
        var nu = new Installer(temp) { DefaultShell = "nu" };

        var both = await nu.RunAsync("nu", "--registry", "x", "--bundle", "a", "--channel", "lts");
        var channel = await nu.RunAsync("nu", "--registry", "x", "--channel", "nightly");

        Assert.Equal(
            (2, "install.nu: error: --bundle and --channel exclude each other — run install.nu --help"),
            (both.ExitCode, both.Error.Trim()));
        Assert.Equal(
            (2, "install.nu: error: unknown channel 'nightly' (use stable or lts) — run install.nu --help"),
            (channel.ExitCode, channel.Error.Trim()));
    }

    [UnixOnlyFact(Nu, Program = "nu")]
    public async Task Nu_picks_the_darwin_arm64_platform_archive_when_told()
    {
        using var temp = new TempDirectory("inu");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var nu = new Installer(temp) { DefaultShell = "nu" };
        nu.Environment["PROVISIONING_OS"] = "darwin";
        nu.Environment["PROVISIONING_ARCH"] = "arm64";

        var (exitCode, output, error) = await nu.InstallAsync(registry.Root, "--dry-run");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("target: darwin-arm64", output, StringComparison.Ordinal);
        Assert.Contains("provisioning-platform-2.6.0-darwin-arm64.tar.gz", output, StringComparison.Ordinal);
    }

    [UnixOnlyFact(Nu, Program = "nu")]
    public Task Nu_follows_a_redirect_to_loopback_and_refuses_one_to_plain_http_elsewhere() =>
        InstallShTests.FollowsAndRefusesRedirectsAsync("nu");

    [UnixOnlyTheory(Nu, Program = "nu")]
    [MemberData(nameof(InstallShTests.BadInputs), MemberType = typeof(InstallShTests))]
    public Task Nu_refuses_bad_input_clearly_and_leaves_the_earlier_install_intact(string bad, string expected) =>
        InstallShTests.RefusesBadInputAsync("nu", bad, expected);
}
