using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// Hostile archives and prefixes against every installer (install.sh under dash and bash, install.nu, install.ps1):
/// for every case nothing outside the prefix is created, changed or removed, the earlier install stays as it was,
/// and the installer says what it refused (docs/installing.md, "What the installers guarantee").
/// </summary>
public sealed class HostileInstallerTests
{
    private const string Unix = "the installers write Unix modes and symbolic links";

    public static TheoryData<string, string> Refusals => new()
    {
        { "link-chain", "holds a symbolic link 'c' -> 'a/..' that resolves outside the prefix" },
        { "link-chain-across-archives", "holds a symbolic link 'c' -> 'a/..' that resolves outside the prefix" },
        { "link-chain-through-the-prefix", "holds a symbolic link 'c' -> 'a/..' that resolves outside the prefix" },
        { "write-through-a-prefix-link", "writes 'lib/provisioning/extensions/mongodb/extension.toml' "
            + "through a symbolic link that leads outside the prefix" },
        { "receipt-in-archive", "holds 'share/provisioning/receipts/core.files', a path of the installer's own bookkeeping" },
        { "receipts-folder-as-link", "holds 'share/provisioning', a path of the installer's own bookkeeping" },
        { "duplicate-entry", "holds 'bin/provisioning' twice" },
    };

    [UnixOnlyTheory(Unix, Program = "dash")]
    [MemberData(nameof(Refusals))]
    public Task Dash_refuses_hostile_archives_and_changes_nothing(string hostile, string expected)
        => RefusesAsync("dash", hostile, expected);

    [UnixOnlyTheory(Unix, Program = "bash")]
    [MemberData(nameof(Refusals))]
    public Task Bash_refuses_hostile_archives_and_changes_nothing(string hostile, string expected)
        => RefusesAsync("bash", hostile, expected);

    [UnixOnlyTheory(Unix, Program = "nu")]
    [MemberData(nameof(Refusals))]
    public Task Nu_refuses_hostile_archives_and_changes_nothing(string hostile, string expected) => RefusesAsync("nu", hostile, expected);

    [PowerShellTheory]
    [MemberData(nameof(Refusals))]
    public Task PowerShell_refuses_hostile_archives_and_changes_nothing(string hostile, string expected)
        => RefusesAsync("pwsh", hostile, expected);

    [UnixOnlyFact(Unix, Program = "dash")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public Task Dash_normalises_modes_whatever_the_archive_says() => NormalisesModesAsync("dash");

    [UnixOnlyFact(Unix, Program = "bash")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public Task Bash_normalises_modes_whatever_the_archive_says() => NormalisesModesAsync("bash");

    [UnixOnlyFact(Unix, Program = "nu")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public Task Nu_normalises_modes_whatever_the_archive_says() => NormalisesModesAsync("nu");

    [PowerShellFact(UnixOnly = Unix)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public Task PowerShell_normalises_modes_whatever_the_archive_says() => NormalisesModesAsync("pwsh");

    [UnixOnlyFact(Unix, Program = "dash")]
    public Task Dash_uninstall_never_removes_through_a_link_that_leads_outside() => UninstallKeepsOutsideAsync("dash");

    [UnixOnlyFact(Unix, Program = "bash")]
    public Task Bash_uninstall_never_removes_through_a_link_that_leads_outside() => UninstallKeepsOutsideAsync("bash");

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_uninstall_never_removes_through_a_link_that_leads_outside() => UninstallKeepsOutsideAsync("nu");

    [PowerShellFact(UnixOnly = Unix)]
    public Task PowerShell_uninstall_never_removes_through_a_link_that_leads_outside() => UninstallKeepsOutsideAsync("pwsh");

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task NormalisesModesAsync(string shell)
    {
        using var temp = new TempDirectory("hostile");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"));
        var entries = SyntheticRegistry.DefaultEntries("core", "3.2.1", "noarch").ToList();
        entries.AddRange(
        [
            ArchiveEntry.WithMode("bin/setuid-tool", "#!/bin/sh\n", (UnixFileMode)Convert.ToInt32("4755", 8)),
            ArchiveEntry.WithMode("bin/setgid-tool", "#!/bin/sh\n", (UnixFileMode)Convert.ToInt32("2775", 8)),
            ArchiveEntry.WithMode("lib/provisioning/sticky", "x\n", (UnixFileMode)Convert.ToInt32("1777", 8)),
            ArchiveEntry.WithMode("lib/provisioning/world-writable", "x\n", (UnixFileMode)Convert.ToInt32("0666", 8)),
            ArchiveEntry.WithMode("lib/provisioning/private", "x\n", (UnixFileMode)Convert.ToInt32("0400", 8)),
            ArchiveEntry.WithMode("lib/provisioning/open/", string.Empty, (UnixFileMode)Convert.ToInt32("0777", 8)),
            ArchiveEntry.WithMode("lib/provisioning/open/inside", "x\n", (UnixFileMode)Convert.ToInt32("0646", 8)),
        ]);
        registry.WithArchive("core", "3.2.1", "noarch", [.. entries]).Write();
        var installer = new Installer(temp) { DefaultShell = shell };

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root);

        Assert.True(exitCode == 0, output + error);
        string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(Path.Combine(installer.Prefix, path)), 8);
        Assert.Equal(
            "bin/setuid-tool 755, bin/setgid-tool 755, sticky 755, world-writable 644, "
                + "private 644, open 755, open/inside 644, bin/provisioning 755, VERSION 644",
            $"bin/setuid-tool {Mode("bin/setuid-tool")}, bin/setgid-tool {Mode("bin/setgid-tool")}, sticky "
                + $"{Mode("lib/provisioning/sticky")}, world-writable "
                + $"{Mode("lib/provisioning/world-writable")}, private {Mode("lib/provisioning/private")}, "
                + $"open {Mode("lib/provisioning/open")}, open/inside {Mode("lib/provisioning/open/inside")}, "
                + $"bin/provisioning {Mode("bin/provisioning")}, VERSION {Mode("lib/provisioning/VERSION")}");
    }

    private static async Task UninstallKeepsOutsideAsync(string shell)
    {
        using var temp = new TempDirectory("hostile");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Assert.Equal(0, (await new Installer(temp).InstallAsync(registry.Root)).ExitCode);
        var outside = PointAtOutside(temp, installer);
        var before = (installer.State(), Outside(temp));

        var (exitCode, output, error) = await installer.RunAsync(shell, "--uninstall", "--prefix", installer.Prefix, "--yes");

        Assert.True(exitCode == 1, $"exit {exitCode}\n{output}{error}");
        Assert.Contains(
            "the receipt of ext-mongodb lists 'lib/provisioning/extensions/mongodb/extension.toml', which a symbolic link in",
            error,
            StringComparison.Ordinal);
        Assert.Equal(before, (installer.State(), Outside(temp)));
        Assert.Equal("the user's own\n", File.ReadAllText(Path.Combine(outside, "extension.toml")));
    }

    private static async Task RefusesAsync(string shell, string hostile, string expected)
    {
        using var temp = new TempDirectory("hostile");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"));
        var core = SyntheticRegistry.DefaultEntries("core", "3.2.1", "noarch").ToList();
        switch (hostile)
        {
            case "link-chain":
                core.AddRange([ArchiveEntry.Symlink("a", "."), ArchiveEntry.Symlink("c", "a/..")]);
                break;
            case "link-chain-across-archives":
                registry.WithArchive(
                    "ext-mongodb",
                    "1.2.0",
                    "noarch",
                    [.. SyntheticRegistry.DefaultEntries("ext-mongodb", "1.2.0", "noarch"), ArchiveEntry.Symlink("a", ".")]);
                core.Add(ArchiveEntry.Symlink("c", "a/.."));
                break;
            case "link-chain-through-the-prefix":
                registry.WithArchive(
                    "core",
                    "3.1.0",
                    "noarch",
                    [.. SyntheticRegistry.DefaultEntries("core", "3.1.0", "noarch"), ArchiveEntry.Symlink("a", ".")]);
                core.Add(ArchiveEntry.Symlink("c", "a/.."));
                break;
            case "receipt-in-archive":
                core.Add(ArchiveEntry.File("share/provisioning/receipts/core.files", "README.users\n"));
                break;
            case "receipts-folder-as-link":
                core.Add(ArchiveEntry.Symlink("share/provisioning", "../lib"));
                break;
            case "duplicate-entry":
                core.Add(ArchiveEntry.File("bin/provisioning", "#!/bin/sh\necho the last one wins\n", executable: true));
                break;
        }

        registry.WithArchive("core", "3.2.1", "noarch", [.. core]).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Directory.CreateDirectory(installer.Prefix);
        File.WriteAllText(Path.Combine(installer.Prefix, "README.users"), "mine\n");
        var baseline = await new Installer(temp).InstallAsync(registry.Root, "--bundle", "lts-3.1");
        Assert.True(baseline.ExitCode == 0, baseline.Output + baseline.Error);
        if (hostile == "write-through-a-prefix-link")
        {
            PointAtOutside(temp, installer);
        }

        var before = (installer.State(), Outside(temp));

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 1, $"exit {exitCode}\n{output}{error}");
        var tag = shell switch { "nu" => "install.nu", "pwsh" => "install.ps1", _ => "install.sh" };
        var line = error.Split('\n').Single(text => text.StartsWith($"{tag}: error: ", StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(" — ", line, StringComparison.Ordinal);
        Assert.Equal(before, (installer.State(), Outside(temp)));
        Assert.Equal("3.1.0\n", installer.Receipt("core.version"));
        Assert.True(installer.TempIsEmpty(), "the temporary folder was not cleaned");
    }

    /// <summary>
    /// Replaces the installed mongodb extension folder with a link to a folder outside the prefix that holds the user's own extension.toml.
    /// </summary>
    private static string PointAtOutside(TempDirectory temp, Installer installer)
    {
        var outside = Directory.CreateDirectory(temp.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "extension.toml"), "the user's own\n");
        var folder = Path.Combine(installer.Prefix, "lib/provisioning/extensions/mongodb");
        Directory.Delete(folder, recursive: true);
        Directory.CreateSymbolicLink(folder, outside);
        return outside;
    }

    /// <summary>
    /// Everything in the test's folder outside the prefix, the registry and the installer's TMPDIR (where an escape would land).
    /// </summary>
    private static string Outside(TempDirectory temp)
    {
        var skip = new[] { "prefix", "registry", "tmp" };
        var lines = new List<string>();
        foreach (var entry in new DirectoryInfo(temp.Path).EnumerateFileSystemInfos()
            .Where(entry => !skip.Contains(entry.Name, StringComparer.Ordinal))
            .SelectMany(entry => entry is DirectoryInfo && entry.LinkTarget is null
                ? Installer.Walk(entry.FullName).Prepend(entry)
                : [entry]))
        {
            var relative = Path.GetRelativePath(temp.Path, entry.FullName);
            lines.Add(entry is FileInfo && entry.LinkTarget is null ? $"{relative} {File.ReadAllText(entry.FullName)}" : relative);
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }
}
