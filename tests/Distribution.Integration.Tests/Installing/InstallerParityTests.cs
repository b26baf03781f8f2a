using System.Text.RegularExpressions;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// The three installers offer the same options (read from their own text: install.sh's parse_args, install.nu's
/// main signature, install.ps1's param block), and honour the same environment, proved by running each of them
/// (install.nu where nu is installed, install.ps1 where pwsh is; CI runs install.ps1 on Windows and macOS too).
/// </summary>
public sealed partial class InstallerParityTests
{
    private const string Sh = "install.sh runs under a POSIX sh, with chmod and ':' between PATH entries";

    private static readonly string Folder = Path.Combine(TestPaths.RepositoryRoot, "installers");

    [Fact]
    public void All_three_installers_offer_the_same_options_with_the_same_kind()
    {
        var sh = ShellOptions(File.ReadAllText(Path.Combine(Folder, "install.sh")));
        var nu = NuOptions(File.ReadAllText(Path.Combine(Folder, "install.nu")));
        var ps = PowerShellOptions(File.ReadAllText(Path.Combine(Folder, "install.ps1")));

        var expected = "allow-downgrade=flag bundle=value channel=value component=value dry-run=flag prefix=value public-key=value "
            + "registry=value uninstall=flag yes=flag";
        Assert.Equal(expected, sh);
        Assert.Equal(expected, nu);
        Assert.Equal(expected, ps);
    }

    [UnixOnlyFact(Sh)]
    public Task Install_sh_takes_registry_prefix_and_target_from_the_environment_and_detects_rosetta() =>
        HonoursTheEnvironmentAsync("sh");

    [UnixOnlyFact(Sh, Program = "nu")]
    public Task Install_nu_takes_registry_prefix_and_target_from_the_environment_and_detects_rosetta() =>
        HonoursTheEnvironmentAsync("nu");

    [PowerShellFact(UnixOnly = "the Rosetta check runs a fake sysctl, an sh script")]
    public Task Install_ps1_takes_registry_prefix_and_target_from_the_environment_and_detects_rosetta() =>
        HonoursTheEnvironmentAsync("pwsh");

    /// <summary>
    /// Runs the installer with no --registry and no --prefix: PROVISIONING_REGISTRY, PROVISIONING_PREFIX,
    /// PROVISIONING_OS and PROVISIONING_ARCH must pick the registry, the prefix (receipts in
    /// share/provisioning/receipts, with installer.dirs) and the platform archive; then as a Mac under Rosetta 2
    /// (sysctl.proc_translated = 1, no PROVISIONING_ARCH) the arm64 build must be picked.
    /// </summary>
    private static async Task HonoursTheEnvironmentAsync(string shell)
    {
        using var temp = new TempDirectory("ienv");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        installer.Environment["PROVISIONING_REGISTRY"] = registry.Root;
        installer.Environment["PROVISIONING_PREFIX"] = installer.Prefix;
        installer.Environment["PROVISIONING_OS"] = "linux";
        installer.Environment["PROVISIONING_ARCH"] = "arm64";

        var install = await installer.RunAsync(shell, "--yes");

        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        Assert.Contains("target: linux-arm64", install.Output, StringComparison.Ordinal);
        Assert.Contains(
            "(linux-arm64)", File.ReadAllText(Path.Combine(installer.Prefix, "bin/provisioning-orchestrator")), StringComparison.Ordinal);
        Assert.Equal("stable-3.2\n", installer.Receipt("bundle"));
        Assert.Contains("share/provisioning/receipts", installer.Receipt("installer.dirs"), StringComparison.Ordinal);

        var bin = Directory.CreateDirectory(temp.Combine("fakebin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bin, "uname"), "#!/bin/sh\ncase \"$1\" in -s) echo Darwin ;; -m) echo x86_64 ;; esac\n");
        await File.WriteAllTextAsync(Path.Combine(bin, "sysctl"), "#!/bin/sh\n[ \"$2\" = sysctl.proc_translated ] && echo 1\n");
        await CliProcess.RunAsync("chmod", ["755", Path.Combine(bin, "uname"), Path.Combine(bin, "sysctl")], temp.Path);
        installer.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        installer.Environment["PROVISIONING_PREFIX"] = temp.Combine("mac");
        installer.Environment["PROVISIONING_OS"] = "darwin";
        installer.Environment["PROVISIONING_ARCH"] = null;

        var rosetta = await installer.RunAsync(shell, "--yes", "--dry-run");

        Assert.True(rosetta.ExitCode == 0, rosetta.Output + rosetta.Error);
        Assert.Contains("target: darwin-arm64", rosetta.Output, StringComparison.Ordinal);
        Assert.Contains("provisioning-platform-2.6.0-darwin-arm64.tar.gz", rosetta.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ps1_is_strict_hashes_with_Get_FileHash_and_unpacks_with_tar()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "install.ps1"));

        Assert.Contains("Set-StrictMode -Version", text, StringComparison.Ordinal);
        Assert.Contains("Get-FileHash -LiteralPath $File -Algorithm SHA256", text, StringComparison.Ordinal);
        Assert.Contains("'-P', '-tzvf'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Expand-Archive", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoke-Expression", text, StringComparison.Ordinal);
        Assert.True(text.All(c => c < 128), "install.ps1 must stay ASCII (Windows PowerShell 5.1 reads BOM-less files as ANSI)");
    }

    [Fact]
    public void Install_sh_runs_nothing_outside_functions_and_calls_main_last()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "install.sh"));
        var depth = 0;
        var topLevel = new List<string>();
        foreach (var line in lines)
        {
            if (FunctionStart().IsMatch(line))
            {
                depth++;
                continue;
            }

            if (depth > 0 && line == "}")
            {
                depth--;
                continue;
            }

            if (depth == 0 && line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                topLevel.Add(line);
            }
        }

        Assert.Equal(["main \"$@\""], topLevel);
        Assert.Equal("main \"$@\"", lines.Last(line => line.Trim().Length > 0));
    }

    private static string ShellOptions(string text)
    {
        var parse = text[text.IndexOf("parse_args() {", StringComparison.Ordinal)..];
        var values = ShellCase().Match(parse[parse.IndexOf("--registry |", StringComparison.Ordinal)..]).Groups[1].Value;
        var flags = ShellCase().Match(parse[parse.IndexOf("--uninstall |", StringComparison.Ordinal)..]).Groups[1].Value;
        return Describe(
            values.Split('|', StringSplitOptions.TrimEntries).Select(option => (option[2..], "value"))
                .Concat(flags.Split('|', StringSplitOptions.TrimEntries)
                    .Where(option => option is not ("--help" or "-h"))
                    .Select(option => (option[2..], "flag"))));
    }

    private static string NuOptions(string text)
    {
        var signature = text[text.IndexOf("def main [", StringComparison.Ordinal)..];
        signature = signature[..signature.IndexOf("] {", StringComparison.Ordinal)];
        return Describe(NuFlag().Matches(signature).Select(match => (match.Groups[1].Value, match.Groups[2].Success ? "value" : "flag")));
    }

    private static string PowerShellOptions(string text)
    {
        var block = text[text.IndexOf("param(", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n)", StringComparison.Ordinal)];
        return Describe(PowerShellParameter().Matches(block).Select(match =>
            (Kebab(match.Groups[2].Value), match.Groups[1].Value == "switch" ? "flag" : "value")));
    }

    private static string Kebab(string name) => KebabBoundary().Replace(name, "$1-$2").ToLowerInvariant();

    private static string Describe(IEnumerable<(string Name, string Kind)> options) =>
        string.Join(' ', options.Select(option => $"{option.Name}={option.Kind}").Order(StringComparer.Ordinal));

    [GeneratedRegex(@"^([^)]*)\)")]
    private static partial Regex ShellCase();

    [GeneratedRegex(@"^\s*--([a-z-]+)(:\s*\w+)?", RegexOptions.Multiline)]
    private static partial Regex NuFlag();

    [GeneratedRegex(@"^\s*\[(string|string\[\]|switch)\]\$(\w+)", RegexOptions.Multiline)]
    private static partial Regex PowerShellParameter();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*\(\) \{$")]
    private static partial Regex FunctionStart();
}
