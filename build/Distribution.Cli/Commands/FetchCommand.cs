using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>fetch</c>: the <see cref="FetchPhase"/> (mirrors every repository of a bundle or of every bundle, exports each
/// component's tree at its tag, checks the sources, writes the lock file; docs/sources.md).
/// </summary>
public sealed class FetchCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var selection = new BundleSelectionOptions(
            "The bundle to fetch (default: the newest stable bundle); with --core…, the name to lock the ad-hoc combination under.",
            "Ad-hoc combination (with --platform and --workspace): the core version.");
        var all = new Option<bool>("--all")
        {
            Description = "Fetch every bundle of versions.toml (and drop lock entries of bundles that are gone)."
        };
        var locked = new Option<bool>("--locked") { Description = "Refuse any change to the lock file (for CI)." };
        var updateLock = new Option<bool>("--update-lock")
        {
            Description = "Accept tags that moved since the lock was written, and record their new commits."
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be fetched, exported and locked; change nothing." };
        var command = new Command(
            "fetch", "Mirror the component repositories, export each component at its tag, check the sources and write versions.lock.")
        {
            selection.Bundle, all, locked, updateLock, selection.Versions, dryRun, selection.Core, selection.Platform, selection.Workspace,
            selection.Extensions, selection.Newest,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            await new FetchPhase(context).RunAsync(
                new FetchBundlesRequest(
                    selection.Read(parse), parse.GetValue(all), parse.GetValue(locked), parse.GetValue(updateLock), parse.GetValue(dryRun)),
                token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
