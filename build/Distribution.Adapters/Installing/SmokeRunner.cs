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
            var hint = NuPath is null && check.Component == "core"
                ? " (nu not found: cd tools && npm install --no-package-lock)"
                : string.Empty;
            return new SmokeResult(check, false, $"exit {result.ExitCode}: {firstLine}{hint}");
        }

        return new SmokeResult(check, SmokeCheckPlanner.PrintsVersion(printed, check.ExpectedVersion), firstLine);
    }
}
