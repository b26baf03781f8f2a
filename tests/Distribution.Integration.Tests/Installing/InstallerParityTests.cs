using System.Text.RegularExpressions;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// The three installers offer the same options (read from their own text: install.sh's parse_args, install.nu's
/// main signature, install.ps1's param block). install.ps1 cannot run here (no PowerShell): CI runs it on Windows
/// and macOS; these checks are what can be proved without it.
/// </summary>
public sealed partial class InstallerParityTests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepositoryRoot, "installers");

    [Fact]
    public void All_three_installers_offer_the_same_options_with_the_same_kind()
    {
        var sh = ShellOptions(File.ReadAllText(Path.Combine(Folder, "install.sh")));
        var nu = NuOptions(File.ReadAllText(Path.Combine(Folder, "install.nu")));
        var ps = PowerShellOptions(File.ReadAllText(Path.Combine(Folder, "install.ps1")));

        var expected = "allow-downgrade=flag bundle=value channel=value component=value dry-run=flag prefix=value registry=value uninstall=flag yes=flag";
        Assert.Equal(expected, sh);
        Assert.Equal(expected, nu);
        Assert.Equal(expected, ps);
    }

    [Fact]
    public void All_three_installers_honour_the_same_environment_overrides()
    {
        foreach (var installer in new[] { "install.sh", "install.nu", "install.ps1" })
        {
            var text = File.ReadAllText(Path.Combine(Folder, installer));
            foreach (var variable in new[] { "PROVISIONING_REGISTRY", "PROVISIONING_PREFIX", "PROVISIONING_OS", "PROVISIONING_ARCH", "sysctl.proc_translated", "share/provisioning/receipts", "installer.dirs" })
            {
                Assert.True(text.Contains(variable, StringComparison.Ordinal), $"{installer} does not handle {variable}");
            }
        }
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
                .Concat(flags.Split('|', StringSplitOptions.TrimEntries).Where(option => option is not ("--help" or "-h")).Select(option => (option[2..], "flag"))));
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

    [GeneratedRegex(@"^\s*\[(string|switch)\]\$(\w+)", RegexOptions.Multiline)]
    private static partial Regex PowerShellParameter();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*\(\) \{$")]
    private static partial Regex FunctionStart();
}
