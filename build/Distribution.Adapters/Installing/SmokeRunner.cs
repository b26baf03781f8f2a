using System.Collections.Immutable;
using Distribution.Adapters.Processes;
using Distribution.Core.Installing;

namespace Distribution.Adapters.Installing;

/// <summary>Runs planned smoke checks against an installed prefix and says what it saw.</summary>
public sealed record SmokeRunner(InstalledPrefix Prefix, string? NuPath)
{
    public async Task<ImmutableArray<SmokeResult>> RunAsync(IEnumerable<SmokeCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var receipts = Prefix.Receipts();
        var results = ImmutableArray.CreateBuilder<SmokeResult>();
        foreach (var check in checks)
        {
            results.Add(await RunOneAsync(check, receipts, cancellationToken).ConfigureAwait(false));
        }

        return results.ToImmutable();
    }

    private async Task<SmokeResult> RunOneAsync(
        SmokeCheck check, ImmutableDictionary<string, InstallReceipt> receipts, CancellationToken cancellationToken)
    {
        if (!receipts.TryGetValue(check.Component, out var receipt))
        {
            return new SmokeResult(check, false, "no receipt: the installer did not install it");
        }

        if (receipt.Version != check.ExpectedVersion)
        {
            return new SmokeResult(check, false, $"receipt says {receipt.Version}");
        }

        if (check.Kind == SmokeCheckKind.Present)
        {
            var missing = check.Files.Where(file => !Prefix.Has(file)).ToList();
            return check.Files.IsEmpty ? new SmokeResult(check, false, $"nothing under {check.Path}")
                : missing.Count > 0 ? new SmokeResult(check, false, $"missing {missing[0]}")
                : new SmokeResult(check, true, $"{check.Files.Length} file(s), {receipt.Version}");
        }

        var program = Path.Combine(Prefix.Path, check.Path);
        if (!File.Exists(program))
        {
            return new SmokeResult(check, false, $"{check.Path} is missing");
        }

        if (check.Interpreter is null && MissingInterpreter(program) is { } interpreterMissing)
        {
            return interpreterMissing == "nu"
                ? new SmokeResult(check, false, $"{check.Path} runs under Nushell ('nu'), which is not installed on this machine")
                {
                    Fix = "install Nushell 0.115 or later (npm install -g nushell; ./build.sh --target=Test puts it in "
                        + "tools/node_modules/.bin) and run again: the bundle is not at fault",
                }
                : new SmokeResult(check, false, $"{check.Path} runs under '{interpreterMissing}', which is not installed on this machine")
                {
                    Fix = $"install '{interpreterMissing}' and run again: the bundle is not at fault",
                };
        }

        // Programs run as a user runs them; Nushell's folder goes first on PATH, for the core's launcher.
        var spec = check.Interpreter is { } interpreter
            ? ProcessSpec.Of(interpreter, program, "--version")
            : ProcessSpec.Of(program, "--version");
        if (NuPath is not null)
        {
            spec = spec with { Environment = spec.Environment.SetItem(
                "PATH", Path.GetDirectoryName(NuPath) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH")) };
        }

        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var printed = (result.StandardOutput + result.StandardError).Trim();
        var firstLine = printed.Split('\n')[0].Trim();
        if (!result.Succeeded)
        {
            return new SmokeResult(check, false, $"exit {result.ExitCode}: {firstLine}");
        }

        return new SmokeResult(check, SmokeCheckPlanner.PrintsVersion(printed, check.ExpectedVersion), firstLine);
    }

    /// <summary>
    /// The interpreter a script's <c>#!</c> line names when this machine lacks it (Nushell: when no <see cref="NuPath"/>
    /// was found), or null.
    /// </summary>
    private string? MissingInterpreter(string program)
    {
        string firstLine;
        using (var reader = new StreamReader(program))
        {
            firstLine = reader.ReadLine() ?? string.Empty;
        }

        if (!firstLine.StartsWith("#!", StringComparison.Ordinal))
        {
            return null;
        }

        var words = firstLine[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var name = Path.GetFileName(words[0]) == "env" && words.Length > 1 ? words[1] : words[0];
        if (Path.GetFileName(name) == "nu")
        {
            return NuPath is null ? "nu" : null;
        }

        var found = Path.IsPathRooted(name)
            ? File.Exists(name)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(folder => File.Exists(Path.Combine(folder, name)));
        return found ? null : name;
    }
}
