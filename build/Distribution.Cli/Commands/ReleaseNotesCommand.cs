using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>release-notes [--versions PATH] [--bundle ID] [--since
/// BUNDLE|COMPONENT@VERSION,…] [--changelog PATH] [--output FILE] [--dry-run]</c>:
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
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Print the notes and the changelog diff; write nothing." };
        var command = new Command(
            "release-notes", "Write a bundle's release notes and its CHANGELOG.md entry from the components' conventional commits.")
        {
            versionsOption, bundleOption, sinceOption, changelogOption, outputOption, dryRunOption,
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
                    parse.GetValue(dryRunOption)),
                token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
