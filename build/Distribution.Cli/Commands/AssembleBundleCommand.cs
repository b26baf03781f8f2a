using System.CommandLine;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>assemble-bundle --artifacts-from=DIR,DIR…</c>: merges CI shards (made by <c>create-bundle --shard-out</c>) into
/// the bundle folder, refusing shards that disagree on the bundle, the notes or any archive's bytes.
/// </summary>
public sealed class AssembleBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var from = new Option<string>("--artifacts-from") { Description = "The shard folders, comma-separated (each made by create-bundle --targets=… --shard-out=DIR)." };
        var output = new Option<string>("--output") { Description = "The bundle folder (default: artifacts/bundles/BUNDLE)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the shards and print what would be written; write nothing." };
        var command = new Command("assemble-bundle", "Merge CI shards into artifacts/bundles/BUNDLE: archives, bundle.json, RELEASE_NOTES.md, the meta-package and SHA256SUMS.") { from, output, dryRun };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var paths = context.Paths;
            var shards = (parse.GetValue(from) ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(folder => Path.GetFullPath(folder, paths.Root))
                .ToList();
            var missing = shards.Where(folder => !Directory.Exists(folder)).ToList();
            if (missing.Count > 0)
            {
                throw new UserErrorException(missing.Select(folder => Diagnostic.Error("PKG030", $"shard folder '{paths.Display(folder)}' does not exist", "copy each CI shard here and name it in --artifacts-from")));
            }

            var plan = await BundleAssembler.PlanAsync(shards, paths.Display, token).ConfigureAwait(false);
            var outputFolder = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(paths.Artifacts, "bundles", plan.Manifest.Bundle.Id), paths.Root);
            if (parse.GetValue(dryRun))
            {
                foreach (var (name, source) in plan.Archives)
                {
                    context.Reporter.Info($"  {name} from {paths.Display(source)}");
                }

                context.Reporter.Success($"dry run: {shards.Count} shard(s) agree; would write {plan.Archives.Count} archive(s), bundle.json, RELEASE_NOTES.md, {plan.MetaPackageName} and SHA256SUMS to {paths.Display(outputFolder)}");
                return CommandRunner.Ok;
            }

            var files = (await BundleAssembler.AssembleAsync(plan, outputFolder, paths.Installers, BundleAssembler.MetaTimestamp(plan.Manifest, BundleAssembler.SourceDateEpoch()), SourceCache.FolderFor(paths.Root), token).ConfigureAwait(false)).Files;
            context.Reporter.Info($"{paths.Display(outputFolder)}: {string.Join(", ", files)}");
            context.Reporter.StepSummary($"### Bundle {plan.Manifest.Bundle.Id}\n\nAssembled from {shards.Count} shard(s): {plan.Archives.Count} archives.\n");
            context.Reporter.Success($"bundle {plan.Manifest.Bundle.Id} assembled from {shards.Count} shard(s) in {paths.Display(outputFolder)} — {plan.Archives.Count} archive(s)");
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
