using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>assemble-bundle --artifacts-from=DIR,DIR…</c>: the <see cref="AssemblePhase"/>;
/// merges CI shards (made by <c>create-bundle --shard-out</c>) into
/// the bundle folder, refusing shards that disagree on the bundle, the notes or any archive's bytes; with
/// <c>--bundle</c> shards of another bundle, with <c>--locked</c> shards built from other sources than versions.lock pins.
/// </summary>
public sealed class AssembleBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var from = new Option<string>("--artifacts-from")
        {
            Description = "The shard folders, comma-separated (each made by create-bundle --targets=… --shard-out=DIR)."
        };
        var output = new Option<string>("--output") { Description = "The bundle folder (default: artifacts/bundles/BUNDLE)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the shards and print what would be written; write nothing." };
        var bundle = new Option<string>("--bundle")
        {
            Description = "The bundle the shards must be of; shards of another bundle are refused."
        };
        var locked = new Option<bool>("--locked")
        {
            Description = "Refuse shards whose components (version, tag, commit, tree) differ from versions.lock (for CI)."
        };
        var versions = new Option<string>("--versions")
        {
            Description = "The versions file; --locked compares with versions.lock beside it (default: version-management/versions.toml)."
        };
        var command = new Command(
            "assemble-bundle",
            "Merge CI shards into artifacts/bundles/BUNDLE: archives, bundle.json, RELEASE_NOTES.md, the meta-package and SHA256SUMS.")
            {
                from,
                output,
                bundle,
                locked,
                versions,
                dryRun
            };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var request = new AssembleRequest(
                parse.GetValue(from),
                parse.GetValue(output),
                parse.GetValue(bundle),
                parse.GetValue(locked),
                parse.GetValue(versions),
                parse.GetValue(dryRun));
            await new AssemblePhase(context).RunAsync(request, token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
