using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>Runs installers/install.sh as a real process under a chosen shell, with a private TMPDIR and a fixed target.</summary>
internal sealed class Installer(TempDirectory temp)
{
    public static string Script => Path.Combine(TestPaths.RepositoryRoot, "installers", "install.sh");

    public static string NuScript => Path.Combine(TestPaths.RepositoryRoot, "installers", "install.nu");

    public static string PowerShellScript => Path.Combine(TestPaths.RepositoryRoot, "installers", "install.ps1");

    /// <summary>Where the installers run from: the repository's installers/ unless a test runs a registry's copies.</summary>
    public string ScriptFolder { get; init; } = Path.Combine(TestPaths.RepositoryRoot, "installers");

    /// <summary>The program <see cref="InstallAsync"/> runs: sh (install.sh) or nu (install.nu).</summary>
    public string DefaultShell { get; init; } = "sh";

    public string Prefix => temp.Combine("prefix");

    public string TmpDir { get; } = Directory.CreateDirectory(temp.Combine("tmp")).FullName;

    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["PROVISIONING_OS"] = "linux",
        ["PROVISIONING_ARCH"] = "x64",
        ["PROVISIONING_REGISTRY"] = null,
        ["PROVISIONING_PREFIX"] = null,
        ["PROVISIONING_PUBLIC_KEY"] = TestKeys.WritePublicKey(TestKeys.Registry, temp.Combine("keys", "registry.pub.pem")),
    };

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string shell, params string[] arguments)
    {
        Environment["TMPDIR"] = TmpDir;
        var result = shell switch
        {
            "nu" => await CliProcess.RunAsync(
                Requirements.FindProgram("nu")!,
                [Path.Combine(ScriptFolder, "install.nu"), .. JoinComponents(arguments, "--component", name => name)],
                temp.Path,
                Environment),
            "nu-raw" => await CliProcess.RunAsync(
                Requirements.FindProgram("nu")!, [Path.Combine(ScriptFolder, "install.nu"), .. arguments], temp.Path, Environment),
            "pwsh" => await CliProcess.RunAsync(
                Requirements.FindProgram("pwsh") ?? "pwsh",
                [
                    "-NoProfile",
                    "-NonInteractive",
                    "-File",
                    Path.Combine(ScriptFolder, "install.ps1"),
                    .. JoinComponents(arguments, "-Component", PowerShellName),
                ],
                temp.Path,
                Environment),
            _ => await CliProcess.RunAsync(shell, [Path.Combine(ScriptFolder, "install.sh"), .. arguments], temp.Path, Environment),
        };
        return result;
    }

    /// <summary>
    /// install.sh's arguments as install.nu and install.ps1 take them: the options spelled their way, and repeated
    /// <c>--component</c>s as one comma-separated option (Nushell and PowerShell bind an option once).
    /// </summary>
    private static IEnumerable<string> JoinComponents(string[] arguments, string component, Func<string, string> spelling)
    {
        var components = new List<string>();
        var rest = new List<string>();
        for (var index = 0; index < arguments.Length; index++)
        {
            if (arguments[index] == "--component" && index + 1 < arguments.Length)
            {
                components.Add(arguments[++index]);
            }
            else
            {
                rest.Add(spelling(arguments[index]));
            }
        }

        return components.Count == 0 ? rest : [component, string.Join(',', components), .. rest];
    }

    /// <summary>install.sh's option spelling as install.ps1 spells it: --dry-run is -DryRun; values stay as they are.</summary>
    private static string PowerShellName(string argument) =>
        argument.StartsWith("--", StringComparison.Ordinal)
            ? "-" + string.Concat(argument[2..].Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]))
            : argument;

    public Task<(int ExitCode, string Output, string Error)> InstallAsync(string registry, params string[] arguments) =>
        RunAsync(DefaultShell, ["--registry", registry, "--prefix", Prefix, "--yes", .. arguments]);

    /// <summary>
    /// Every path under the prefix (folders end in '/', links show their target) with file hashes: compares whole states.
    /// </summary>
    public string State()
    {
        if (!Directory.Exists(Prefix))
        {
            return "(no prefix)";
        }

        var lines = new List<string>();
        foreach (var entry in Walk(Prefix))
        {
            var relative = Path.GetRelativePath(Prefix, entry.FullName);
            lines.Add(entry.LinkTarget is { } target ? $"{relative} -> {target}"
                : entry is DirectoryInfo ? relative + "/"
                : $"{relative} {SyntheticRegistry.Sha256(File.ReadAllBytes(entry.FullName))[..12]}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>Everything under a folder, depth first, never following a symbolic link (a hostile link may lead back up).</summary>
    public static IEnumerable<FileSystemInfo> Walk(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            yield return entry;
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                foreach (var inner in Walk(entry.FullName))
                {
                    yield return inner;
                }
            }
        }
    }

    public string Receipt(string name) => File.ReadAllText(Path.Combine(Prefix, "share/provisioning/receipts", name));

    public bool TempIsEmpty() => !Directory.EnumerateFileSystemEntries(TmpDir).Any();
}
