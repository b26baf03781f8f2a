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
        var bundle = new Option<string>("--bundle")
        {
            Description = "The bundle to fetch (default: the newest stable bundle); "
                + "with --core…, the name to lock the ad-hoc combination under."
        };
        var all = new Option<bool>("--all")
        {
            Description = "Fetch every bundle of versions.toml (and drop lock entries of bundles that are gone)."
        };
        var locked = new Option<bool>("--locked") { Description = "Refuse any change to the lock file (for CI)." };
        var updateLock = new Option<bool>("--update-lock")
        {
            Description = "Accept tags that moved since the lock was written, and record their new commits."
        };
        var versions = new Option<string>("--versions")
        {
            Description = "The versions file (default: version-management/versions.toml); the lock is versions.lock beside it."
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be fetched, exported and locked; change nothing." };
        var core = new Option<string>("--core") { Description = "Ad-hoc combination (with --platform and --workspace): the core version." };
        var platform = new Option<string>("--platform") { Description = "Ad-hoc combination: the platform version." };
        var workspace = new Option<string>("--workspace") { Description = "Ad-hoc combination: the workspace version." };
        var extensions = new Option<string>("--extensions")
        {
            Description = "Ad-hoc combination: extensions as name@version, comma-separated."
        };
        var newest = new Option<bool>("--newest")
        {
            Description = "The newest tag of every component that the matrix allows (nightly runs); --bundle names it (default: newest)."
        };
        var command = new Command(
            "fetch", "Mirror the component repositories, export each component at its tag, check the sources and write versions.lock.")
        {
            bundle, all, locked, updateLock, versions, dryRun, core, platform, workspace, extensions, newest,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var selection = new BundleSelection(
                parse.GetValue(versions),
                parse.GetValue(bundle),
                parse.GetValue(core),
                parse.GetValue(platform),
                parse.GetValue(workspace),
                parse.GetValue(extensions),
                parse.GetValue(newest));
            await new FetchPhase(context).RunAsync(
                new FetchBundlesRequest(
                    selection, parse.GetValue(all), parse.GetValue(locked), parse.GetValue(updateLock), parse.GetValue(dryRun)),
                token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
