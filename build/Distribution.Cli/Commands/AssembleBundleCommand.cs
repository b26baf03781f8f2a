using System.CommandLine;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>assemble-bundle --artifacts-from=DIR,DIR…</c>: merges CI shards (made by <c>create-bundle --shard-out</c>) into
/// the bundle folder, refusing shards that disagree on the bundle, the notes or any archive's bytes; with
/// <c>--bundle</c> shards of another bundle, with <c>--locked</c> shards built from other sources than versions.lock pins.
/// </summary>
public sealed class AssembleBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var from = new Option<string>("--artifacts-from") { Description = "The shard folders, comma-separated (each made by create-bundle --targets=… --shard-out=DIR)." };
        var output = new Option<string>("--output") { Description = "The bundle folder (default: artifacts/bundles/BUNDLE)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the shards and print what would be written; write nothing." };
        var bundle = new Option<string>("--bundle") { Description = "The bundle the shards must be of; shards of another bundle are refused." };
        var locked = new Option<bool>("--locked") { Description = "Refuse shards whose components (version, tag, commit, tree) differ from versions.lock (for CI)." };
        var versions = new Option<string>("--versions") { Description = "The versions file; --locked compares with versions.lock beside it (default: version-management/versions.toml)." };
        var command = new Command("assemble-bundle", "Merge CI shards into artifacts/bundles/BUNDLE: archives, bundle.json, RELEASE_NOTES.md, the meta-package and SHA256SUMS.") { from, output, bundle, locked, versions, dryRun };
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
                throw new UserErrorException(missing.Select(folder => Diagnostic.Error(DiagnosticCodes.Packaging.NotAShard, $"shard folder '{paths.Display(folder)}' does not exist", "copy each CI shard here and name it in --artifacts-from")));
            }

            var plan = await BundleAssembler.PlanAsync(shards, paths.Display, token).ConfigureAwait(false);
            var id = plan.Manifest.Bundle.Id;
            if (parse.GetValue(bundle) is { } expected && !string.Equals(expected, id, StringComparison.Ordinal))
            {
                throw UserErrorException.Of(DiagnosticCodes.Packaging.ShardBundleMismatch, $"the shards are of bundle '{id}', not of --bundle={expected}", $"assemble the shards of {expected}, or pass --bundle={id}");
            }

            if (parse.GetValue(locked))
            {
                var lockPath = VersionsLoader.LockPathOf(VersionsLoader.Resolve(context, parse.GetValue(versions)));
                if (!File.Exists(lockPath))
                {
                    throw UserErrorException.Of(DiagnosticCodes.Packaging.ShardNotLocked, $"--locked, but there is no lock file at '{paths.Display(lockPath)}'", "commit version-management/versions.lock (./build.sh --target=Fetch writes it)");
                }

                var lockFile = await VersionsLoader.ReadLockAsync(context, lockPath, token).ConfigureAwait(false);
                var disagreements = lockFile.Disagreements(id, plan.Manifest.Components.Select(component => new LockedComponent(component.Component, component.Version, component.Tag, component.Commit, component.Tree)));
                if (!disagreements.IsEmpty)
                {
                    throw new UserErrorException(disagreements.Select(line => Diagnostic.Error(
                        DiagnosticCodes.Packaging.ShardNotLocked,
                        $"the shards were not built from the locked sources (--locked): {line}",
                        "build every shard from this commit's versions.lock (create-bundle with Fetch --locked), or fix the lock with ./build.sh --target=Fetch --update-lock and commit it",
                        SourceLocation.InFile(paths.Display(lockPath)))));
                }

                context.Reporter.Info($"the shards match {paths.Display(lockPath)} for {id}: {plan.Manifest.Components.Length} component(s)");
            }

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
