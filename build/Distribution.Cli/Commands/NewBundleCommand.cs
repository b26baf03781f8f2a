using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Versions;
using Distribution.Pipeline;
using NuGet.Versioning;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>new-bundle --bundle ID --core V --platform V --workspace V [--extensions a@V,…] [--lts-until D]
/// [--release-date D] [--name TEXT] [--versions PATH] [--dry-run]</c>: cuts a coordinated release into versions.toml;
/// <c>new-bundle --propose</c> proposes the next one from the unreleased commits and writes nothing.
/// </summary>
public sealed class NewBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var bundle = new Option<string?>("--bundle")
        {
            Description = "The new bundle's id, such as stable-4.0 (required unless --propose)."
        };
        var core = new Option<string?>("--core") { Description = "The core version (required unless --propose)." };
        var platform = new Option<string?>("--platform") { Description = "The platform version (required unless --propose)." };
        var workspace = new Option<string?>("--workspace") { Description = "The workspace templates version (required unless --propose)." };
        var propose = new Option<bool>("--propose")
        {
            Description = "Propose the next bundle from the components' unreleased conventional commits: versions, tags to cut, "
                + "the versions.toml diff; nothing written."
        };
        var extensions = new Option<string?>("--extensions")
        {
            Description = "Comma-separated name@version list, such as mongodb@2.0.0,redis@2.0.0."
        };
        var ltsUntil = new Option<string?>("--lts-until") { Description = "YYYY-MM-DD: makes it an LTS bundle supported until then." };
        var releaseDate = new Option<string?>("--release-date") { Description = "YYYY-MM-DD (default today, UTC)." };
        var name = new Option<string?>("--name") { Description = "The display name (default 'Stable 4.0 Bundle' or 'LTS 4.0 Bundle')." };
        var versions = new Option<string?>("--versions") { Description = "The versions file (default version-management/versions.toml)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the change as a unified diff and write nothing." };
        var command = new Command(
            "new-bundle", "Add a bundle and the matrix entries it needs to versions.toml, then validate; --dry-run prints the diff.")
        {
            bundle, core, platform, workspace, extensions, ltsUntil, releaseDate, name, versions, dryRun, propose,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var today = VersionsLoader.Today;
            if (parse.GetValue(propose))
            {
                await new ProposeBundlePhase(context).RunAsync(
                    parse.GetValue(versions), Date("--release-date", parse.GetValue(releaseDate)) ?? today, token).ConfigureAwait(false);
                return CommandRunner.Ok;
            }

            var request = new NewBundleRequest(
                Required("--bundle", parse.GetValue(bundle)).Trim(),
                parse.GetValue(name),
                Version("--core", Required("--core", parse.GetValue(core))),
                Version("--platform", Required("--platform", parse.GetValue(platform))),
                Version("--workspace", Required("--workspace", parse.GetValue(workspace))),
                Extensions(parse.GetValue(extensions)),
                Date("--release-date", parse.GetValue(releaseDate)) ?? today,
                Date("--lts-until", parse.GetValue(ltsUntil)));
            var file = VersionsLoader.Resolve(context, parse.GetValue(versions));
            var display = context.Paths.Display(file);
            var text = await VersionsLoader.ReadTextAsync(context, file, token).ConfigureAwait(false);
            var plan = BundleCutter.Plan(text, display, request, today);
            if (plan.IsRefused)
            {
                throw new UserErrorException(plan.Diagnostics.Append(Diagnostic.Error(
                    DiagnosticCodes.Versions.ChangeRefused,
                    $"adding bundle {request.Id} would leave {display} invalid, so nothing was written",
                    "change the versions so that they satisfy the matrix, or add the matrix entry they need by hand first",
                    SourceLocation.InFile(display))));
            }

            foreach (var warning in plan.Diagnostics)
            {
                context.Reporter.Report(warning);
            }

            foreach (var addition in plan.Additions)
            {
                context.Reporter.Info($"  + {addition}");
            }

            if (parse.GetValue(dryRun))
            {
                context.Reporter.Info(UnifiedDiff.Create(
                    plan.OldText, plan.NewText, Label("a/", display), Label("b/", display)).TrimEnd('\n'));
                context.Reporter.Info($"dry run: {display} was not changed");
                return CommandRunner.Ok;
            }

            await AtomicFile.WriteAllTextAsync(file, plan.NewText, token).ConfigureAwait(false);
            context.Reporter.Success($"added bundle {request.Id} to {display}; it validates. Review with git diff, then commit.");
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    // git's a/ and b/ prefixes for paths inside the repository; a path outside it is shown as it is.
    private static string Label(string prefix, string display) => Path.IsPathRooted(display) ? display : prefix + display;

    // Required unless --propose is given, so the parser cannot say it: the same command-line error (PD0005) it would give.
    private static string Required(string option, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw UserErrorException.Of(
                DiagnosticCodes.Tool.CommandLine,
                $"new-bundle: option '{option}' is required",
                "run provisioning-dist new-bundle --help to see the options")
            : value;

    private static NuGetVersion Version(string option, string text)
    {
        var problems = new List<Diagnostic>();
        return BundleSelector.Version(option, text, problems) ?? throw new UserErrorException(problems);
    }

    private static DateOnly? Date(string option, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw UserErrorException.Of(
                DiagnosticCodes.Versions.BadOption, $"{option} '{text}' is not a date", "write it as YYYY-MM-DD, such as 2026-12-01");
    }

    private static ImmutableArray<ExtensionPin> Extensions(string? text)
    {
        var problems = new List<Diagnostic>();
        var pins = BundleSelector.ParseExtensions(text, problems);
        return problems.Count > 0 ? throw new UserErrorException(problems) : pins;
    }
}
