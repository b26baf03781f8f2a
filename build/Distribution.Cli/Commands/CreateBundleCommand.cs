using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>create-bundle</c>: the <see cref="CreateBundlePhase"/> (fetch, build and pack every component × target, notes,
/// assemble artifacts/bundles/BUNDLE/, or one CI shard with <c>--shard-out=DIR</c>; docs/packaging-guide.md).
/// </summary>
public sealed class CreateBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var selection = new BundleSelectionOptions(
            "The bundle to make (default: the newest stable bundle); with --core…, the ad-hoc bundle's id.",
            "Ad-hoc combination: the core version (others default to the default bundle's).");
        var targets = new Option<string>("--targets")
        {
            Description = "Platform targets to build, comma-separated (default: all of linux-x64, "
                + "linux-arm64, darwin-x64, darwin-arm64); noarch archives are always made."
        };
        var output = new Option<string>("--output") { Description = "The bundle folder (default: artifacts/bundles/BUNDLE)." };
        var shardOut = new Option<string>("--shard-out")
        {
            Description = "Write one CI shard (archives, shard.json, RELEASE_NOTES.md) to "
                + "this folder instead of the bundle; merge shards with assemble-bundle."
        };
        var recipesFolder = new Option<string>("--recipes")
        {
            Description = "The folder of recipes (default: packaging/), or several, comma-separated, each recipe read "
                + "from the first that has it (packaging/rust,packaging); for other recipes than the shipped ones."
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the archives that would be made; build and write nothing." };
        var offline = new Option<bool>("--offline")
        {
            Description = "Use the mirrors as they are, without fetching from the origins (build.cake "
                + "passes it when its Fetch task has just updated them); checks against the lock still hold."
        };
        var timings = new Option<string>("--timings")
        {
            Description = "Also write the build and compression intervals of every "
                + "archive to this JSON file (for the benchmark; docs/benchmark.md)."
        };
        var command = new Command(
            "create-bundle",
            "Build and package a bundle for linux/darwin × x64/arm64 and assemble "
                + "artifacts/bundles/BUNDLE (archives, bundle.json, meta-package, SHA256SUMS).")
        {
            selection.Bundle, selection.Core, selection.Platform, selection.Workspace, selection.Extensions, selection.Newest, targets,
            output, shardOut, selection.Versions, recipesFolder, dryRun, timings, offline,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var request = new CreateBundleRequest(
                selection.Read(parse),
                parse.GetValue(targets),
                parse.GetValue(output),
                parse.GetValue(shardOut),
                parse.GetValue(recipesFolder),
                parse.GetValue(dryRun),
                parse.GetValue(timings),
                parse.GetValue(offline));
            await new CreateBundlePhase(context).RunAsync(request, token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
