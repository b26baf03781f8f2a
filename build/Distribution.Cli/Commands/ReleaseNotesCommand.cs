using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>release-notes [--versions PATH] [--bundle ID] [--since
/// BUNDLE|COMPONENT@VERSION,…] [--changelog PATH] [--output FILE] [--include-all] [--dry-run]</c>, or
/// <c>--component NAME [--from VERSION|TAG] [--to VERSION|TAG|BRANCH]</c>, or <c>--unreleased</c>:
/// the bundle's release notes from the components' conventional commits (printed, or written to --output) and
/// its entry in CHANGELOG.md (the <see cref="ReleaseNotesPhase"/>) (replacing
/// the entry of the same bundle). --dry-run prints the notes and the
/// changelog diff and writes nothing.
/// </summary>
public sealed class ReleaseNotesCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var versionsOption = new Option<string?>("--versions")
        {
            Description = "The versions file (default: version-management/versions.toml)."
        };
        var bundleOption = new Option<string?>("--bundle")
        {
            Description = "The bundle (default: the newest stable bundle of versions.toml)."
        };
        var sinceOption = new Option<string?>("--since")
        {
            Description = "Compare with this bundle, or with these versions: "
                + "core@3.1.0,platform@2.4.0 (default: the previous bundle of the same kind)."
        };
        var changelogOption = new Option<string?>("--changelog")
        {
            Description = "The changelog to update (default: CHANGELOG.md at the repository root)."
        };
        var outputOption = new Option<string?>("--output")
        {
            Description = "Write the notes (Markdown) to this file instead of printing them."
        };
        var includeAllOption = new Option<bool>("--include-all")
        {
            Description = "Keep chore, test, ci, build, style, refactor and docs commits in the CHANGELOG.md entry (under Changed)."
        };
        var componentOption = new Option<string?>("--component")
        {
            Description = "One component's notes (core, platform, workspace, ext-NAME) instead of a bundle's; "
                + "its CHANGELOG.md entry is printed, or written into --changelog."
        };
        var fromOption = new Option<string?>("--from")
        {
            Description = "With --component: a version or tag (default: the release before --to)."
        };
        var toOption = new Option<string?>("--to")
        {
            Description = "With --component: a version, tag or branch (default: the component's version in the newest stable bundle)."
        };
        var unreleasedOption = new Option<bool>("--unreleased")
        {
            Description = "For every component, its default branch since its newest release tag, and the next version it needs."
        };
        var botsOption = new Option<string?>("--bots")
        {
            Description = "Comma-separated authors (names or e-mail addresses) left out as bots, besides GitHub's [bot] suffix."
        };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Print the notes and the changelog diff; write nothing." };
        var command = new Command(
            "release-notes", "Write a bundle's release notes and its CHANGELOG.md entry from the components' conventional commits.")
        {
            versionsOption, bundleOption, sinceOption, changelogOption, outputOption, dryRunOption, includeAllOption,
            componentOption, fromOption, toOption, unreleasedOption, botsOption,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            await new ReleaseNotesPhase(context).RunAsync(
                new ReleaseNotesRequest(
                    parse.GetValue(versionsOption),
                    parse.GetValue(bundleOption),
                    parse.GetValue(sinceOption),
                    parse.GetValue(changelogOption),
                    parse.GetValue(outputOption),
                    parse.GetValue(dryRunOption),
                    parse.GetValue(includeAllOption))
                {
                    Component = parse.GetValue(componentOption),
                    From = parse.GetValue(fromOption),
                    To = parse.GetValue(toOption),
                    Unreleased = parse.GetValue(unreleasedOption),
                    Bots = [.. (parse.GetValue(botsOption) ?? string.Empty)
                        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                },
                token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
