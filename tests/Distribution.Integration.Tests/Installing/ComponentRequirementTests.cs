using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// Several <c>--component</c>s install together or not at all, and what components require of each other (bundle.json
/// and index.json <c>requires</c>, docs/installing.md "Requirements between components") is checked against what is
/// installed plus what is being installed, by every installer: install.sh under dash and bash, install.nu, install.ps1.
/// </summary>
public sealed class ComponentRequirementTests
{
    private const string Unix = "the installers run as Unix processes here";

    [UnixOnlyTheory(Unix)]
    [InlineData("dash")]
    [InlineData("bash")]
    public Task Sh_installs_every_component_given_or_none(string shell) => EveryComponentOrNoneAsync(shell);

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_installs_every_component_given_or_none() => EveryComponentOrNoneAsync("nu");

    [PowerShellFact]
    public Task PowerShell_installs_every_component_given_or_none() => EveryComponentOrNoneAsync("pwsh");

    /// <summary>Nushell binds a repeated flag to its last value: install.nu notices and refuses, rather than drop one.</summary>
    [UnixOnlyFact(Unix, Program = "nu")]
    public async Task Nu_refuses_a_repeated_component_flag_instead_of_keeping_the_last()
    {
        using var temp = new TempDirectory("req");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = "nu-raw" };

        var result = await installer.InstallAsync(registry.Root, "--component", "core@3.2.1", "--component", "ext-mongodb@1.2.0");

        Assert.True(result.ExitCode == 2, result.Output + result.Error);
        Assert.Contains("--component is given more than once", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(installer.Prefix), installer.State());
    }

    [UnixOnlyTheory(Unix)]
    [InlineData("dash")]
    [InlineData("bash")]
    public Task Sh_checks_requirements_between_components(string shell) => ChecksRequirementsAsync(shell);

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_checks_requirements_between_components() => ChecksRequirementsAsync("nu");

    [PowerShellFact]
    public Task PowerShell_checks_requirements_between_components() => ChecksRequirementsAsync("pwsh");

    [UnixOnlyTheory(Unix)]
    [InlineData("dash")]
    [InlineData("bash")]
    public Task Sh_refuses_a_registry_whose_bounds_are_not_a_requirement(string shell) => RefusesBadBoundsAsync(shell);

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_refuses_a_registry_whose_bounds_are_not_a_requirement() => RefusesBadBoundsAsync("nu");

    [PowerShellFact]
    public Task PowerShell_refuses_a_registry_whose_bounds_are_not_a_requirement() => RefusesBadBoundsAsync("pwsh");

    private static async Task EveryComponentOrNoneAsync(string shell)
    {
        using var temp = new TempDirectory("req");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };

        var both = await installer.InstallAsync(registry.Root, "--component", "core@3.2.1", "--component", "ext-mongodb@1.2.0");
        var afterBoth = installer.State();
        var oneMissing = await installer.InstallAsync(registry.Root, "--component", "workspace@1.1.0", "--component", "ext-mongodb@9.9.9");
        var twice = await installer.InstallAsync(registry.Root, "--component", "core@3.2.1", "--component", "core@3.1.0");

        Assert.True(both.ExitCode == 0, both.Output + both.Error);
        Assert.Equal("3.2.1\n", installer.Receipt("core.version"));
        Assert.Equal("1.2.0\n", installer.Receipt("ext-mongodb.version"));
        Assert.True(oneMissing.ExitCode == 1, oneMissing.Output + oneMissing.Error);
        Assert.Contains("the registry has no ext-mongodb 9.9.9", oneMissing.Error, StringComparison.Ordinal);
        Assert.Equal(afterBoth, installer.State());
        Assert.True(twice.ExitCode == 2, twice.Output + twice.Error);
        Assert.Contains("core is given twice", twice.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(afterBoth, installer.State());
    }

    private static async Task ChecksRequirementsAsync(string shell)
    {
        using var temp = new TempDirectory("req");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"))
            .AddBundle("next-4.0", "custom", "2025-12-01", ("core", "4.0.0"))
            .WithRequirement("ext-mongodb", "1.2.0", "core", "^3.2")
            .WithRequirement("ext-mongodb", "1.1.0", "core", "^3.1")
            .Write();
        var installer = new Installer(temp) { DefaultShell = shell };

        var alone = await installer.InstallAsync(registry.Root, "--component", "ext-mongodb@1.2.0");
        var tooOld = await installer.InstallAsync(registry.Root, "--component", "ext-mongodb@1.2.0", "--component", "core@3.1.0");
        var dryRun = await installer.InstallAsync(
            registry.Root, "--component", "core@3.2.1", "--component", "ext-mongodb@1.2.0", "--dry-run");
        Assert.False(Directory.Exists(installer.Prefix) && Directory.EnumerateFileSystemEntries(installer.Prefix).Any(), installer.State());
        var together = await installer.InstallAsync(registry.Root, "--component", "core@3.2.1", "--component", "ext-mongodb@1.2.0");
        var installed = installer.State();
        var receipt = installed.Contains("ext-mongodb.requires", StringComparison.Ordinal)
            ? installer.Receipt("ext-mongodb.requires")
            : "none";
        var coreTooNew = await installer.InstallAsync(registry.Root, "--component", "core@4.0.0");
        var afterCoreTooNew = installer.State();
        var removeCore = await installer.RunAsync(shell, "--uninstall", "--component", "core", "--prefix", installer.Prefix, "--yes");
        var afterRemoveCore = installer.State();
        var bundle = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2", "--dry-run");
        var removeBoth = await installer.RunAsync(
            shell, "--uninstall", "--component", "core", "--component", "ext-mongodb", "--prefix", installer.Prefix, "--yes");

        Assert.True(alone.ExitCode == 1, alone.Output + alone.Error);
        Assert.Contains("ext-mongodb 1.2.0 needs core ^3.2, which is neither installed in", alone.Error, StringComparison.Ordinal);
        Assert.True(tooOld.ExitCode == 1, tooOld.Output + tooOld.Error);
        Assert.Contains(
            "ext-mongodb 1.2.0 needs core ^3.2, but core 3.1.0 would be installed; nothing was changed",
            tooOld.Error,
            StringComparison.Ordinal);
        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Contains("requires: ext-mongodb 1.2.0 needs core ^3.2 (core 3.2.1 satisfies it)", dryRun.Output, StringComparison.Ordinal);
        Assert.True(together.ExitCode == 0, together.Output + together.Error);
        Assert.Equal("core >=3.2.0,<4.0.0 ^3.2\n", receipt);
        Assert.True(coreTooNew.ExitCode == 1, coreTooNew.Output + coreTooNew.Error);
        Assert.Contains(
            "ext-mongodb 1.2.0 needs core ^3.2, but core 4.0.0 would be installed; nothing was changed",
            coreTooNew.Error,
            StringComparison.Ordinal);
        Assert.Equal(installed, afterCoreTooNew);
        Assert.True(removeCore.ExitCode == 1, removeCore.Output + removeCore.Error);
        Assert.Contains(
            "ext-mongodb 1.2.0 needs core ^3.2, and this would uninstall core; nothing was changed",
            removeCore.Error,
            StringComparison.Ordinal);
        Assert.Equal(installed, afterRemoveCore);
        Assert.True(bundle.ExitCode == 0, bundle.Output + bundle.Error);
        Assert.Contains("requires: ext-mongodb 1.2.0 needs core ^3.2 (core 3.2.1 satisfies it)", bundle.Output, StringComparison.Ordinal);
        Assert.True(removeBoth.ExitCode == 0, removeBoth.Output + removeBoth.Error);
        Assert.False(File.Exists(Path.Combine(installer.Prefix, "bin/provisioning")));
    }

    private static async Task RefusesBadBoundsAsync(string shell)
    {
        using var temp = new TempDirectory("req");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"))
            .WithRequirement("ext-mongodb", "1.2.0", "core", "^3.2")
            .Write();
        var index = Path.Combine(registry.Root, "index.json");
        File.WriteAllText(index, File.ReadAllText(index).Replace(">=3.2.0,<4.0.0", ">=3.2.0,<4.0.0;x", StringComparison.Ordinal));
        registry.Sign(); // signed by the registry's key: the installers' own check of the requirement is what refuses it
        var installer = new Installer(temp) { DefaultShell = shell };

        var result = await installer.InstallAsync(registry.Root, "--component", "core@3.2.1", "--component", "ext-mongodb@1.2.0");

        Assert.True(result.ExitCode == 1, result.Output + result.Error);
        Assert.Contains("gives ext-mongodb 1.2.0 a bad requirement on 'core'", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(installer.Prefix) && Directory.EnumerateFileSystemEntries(installer.Prefix).Any(), installer.State());
    }
}
