using Distribution.Adapters.Builds;
using Distribution.Adapters.Files;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;

namespace Distribution.Pipeline;

/// <summary>
/// The assemble phase: merges CI shards (made by the create-bundle phase with a shard folder) into the bundle folder,
/// refusing shards that disagree on the bundle, the notes or any archive's bytes; with <see cref="AssembleRequest.Bundle"/>
/// shards of another bundle, with <see cref="AssembleRequest.Locked"/> shards built from other sources than versions.lock pins.
/// </summary>
public sealed class AssemblePhase(PhaseContext context)
{
    public async Task RunAsync(AssembleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var paths = context.Paths;
        var shards = (request.ArtifactsFrom ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(folder => Path.GetFullPath(folder, paths.Root))
            .ToList();
        var missing = shards.Where(folder => !Directory.Exists(folder)).ToList();
        if (missing.Count > 0)
        {
            throw new UserErrorException(missing.Select(folder => Diagnostic.Error(
                DiagnosticCodes.Packaging.NotAShard,
                $"shard folder '{paths.Display(folder)}' does not exist",
                "copy each CI shard here and name it in --artifacts-from")));
        }

        var plan = await BundleAssembler.PlanAsync(shards, paths.Display, cancellationToken).ConfigureAwait(false);
        plan = plan with
        {
            Repositories = await VersionsLoader.RepositoriesAsync(context, request.Versions, cancellationToken).ConfigureAwait(false),
        };
        var id = plan.Manifest.Bundle.Id;
        if (plan.Manifest.IsPartial)
        {
            // The recipes plan every target of every component: each target no shard made is named with its shard.
            throw new UserErrorException(plan.Manifest.Missing
                .GroupBy(archive => archive.Target, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => Diagnostic.Error(
                    DiagnosticCodes.Packaging.BundleIncomplete,
                    $"bundle {id} is incomplete: no shard holds the {group.Key} archives "
                        + $"({string.Join(", ", group.Select(archive => archive.Name))})",
                    $"add the {group.Key} shard, made on a {group.Key} runner by ./build.sh --target=CreateBundle "
                        + $"--targets={group.Key} --shard-out=DIR (release.yml's build job), to --artifacts-from")));
        }

        if (request.Bundle is { } expected && !string.Equals(expected, id, StringComparison.Ordinal))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Packaging.ShardBundleMismatch,
                $"the shards are of bundle '{id}', not of --bundle={expected}",
                $"assemble the shards of {expected}, or pass --bundle={id}");
        }

        if (request.Locked)
        {
            var lockPath = VersionsLoader.LockPathOf(VersionsLoader.Resolve(context, request.Versions));
            if (!File.Exists(lockPath))
            {
                throw UserErrorException.Of(
                    DiagnosticCodes.Packaging.ShardNotLocked,
                    $"--locked, but there is no lock file at '{paths.Display(lockPath)}'",
                    "commit version-management/versions.lock (./build.sh --target=Fetch writes it)");
            }

            var lockFile = await VersionsLoader.ReadLockAsync(context, lockPath, cancellationToken).ConfigureAwait(false);
            var disagreements = lockFile.Disagreements(
                id,
                plan.Manifest.Components.Select(component => new LockedComponent(
                    component.Component, component.Version, component.Tag, component.Commit, component.Tree)));
            if (!disagreements.IsEmpty)
            {
                throw new UserErrorException(disagreements.Select(line => Diagnostic.Error(
                    DiagnosticCodes.Packaging.ShardNotLocked,
                    $"the shards were not built from the locked sources (--locked): {line}",
                    "build every shard from this commit's versions.lock (create-bundle with Fetch --locked), "
                        + "or fix the lock with ./build.sh --target=Fetch --update-lock and commit it",
                    SourceLocation.InFile(paths.Display(lockPath)))));
            }

            context.Reporter.Info($"the shards match {paths.Display(lockPath)} for {id}: {plan.Manifest.Components.Length} component(s)");
        }

        var outputFolder = request.Output is null
            ? ContainedPath.Under(Path.Combine(paths.Artifacts, "bundles"), id, "bundle id")
            : Path.GetFullPath(request.Output, paths.Root);
        if (request.DryRun)
        {
            foreach (var (name, source) in plan.Archives)
            {
                context.Reporter.Info($"  {name} from {paths.Display(source)}");
            }

            context.Reporter.Success($"dry run: {shards.Count} shard(s) agree; would write {plan.Archives.Count} archive(s), "
                + $"bundle.json, RELEASE_NOTES.md, bundle.cdx.json, {plan.MetaPackageName} and SHA256SUMS "
                + $"to {paths.Display(outputFolder)}");
            return;
        }

        var display = paths.Display(outputFolder);
        using var folderLock = await OutputLock.FolderAsync(outputFolder, display, context.Reporter.Info, cancellationToken)
            .ConfigureAwait(false);
        var files = (await BundleAssembler.AssembleAsync(
            plan,
            outputFolder,
            paths.Installers,
            BundleAssembler.MetaTimestamp(plan.Manifest, BundleAssembler.SourceDateEpoch()),
            context.CacheFolder,
            cancellationToken).ConfigureAwait(false)).Files;
        context.Reporter.Info($"{paths.Display(outputFolder)}: {string.Join(", ", files)}");
        context.Reporter.StepSummary($"### Bundle {plan.Manifest.Bundle.Id}\n\nAssembled "
            + $"from {shards.Count} shard(s): {plan.Archives.Count} archives.\n");
        context.Reporter.Success($"bundle {plan.Manifest.Bundle.Id} assembled from {shards.Count} "
            + $"shard(s) in {paths.Display(outputFolder)} — {plan.Archives.Count} archive(s)");
    }
}
