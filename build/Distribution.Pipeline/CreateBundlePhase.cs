using System.Collections.Immutable;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Files;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Adapters.Sources;
using Distribution.Core.Benchmarks;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Rendering;
using Distribution.Core.Sources;

namespace Distribution.Pipeline;

/// <summary>
/// The create-bundle phase: fetches a bundle's components (mirrors, exports at the locked tags), builds and packs every
/// component × target through the build cache in parallel, writes the release notes, and assembles
/// <c>artifacts/bundles/BUNDLE/</c> (archives, bundle.json, RELEASE_NOTES.md, the meta-package, SHA256SUMS).
/// With <see cref="CreateBundleRequest.ShardOut"/> it stops after writing one CI shard (see docs/packaging-guide.md).
/// </summary>
public sealed class CreateBundlePhase(PhaseContext context)
{
    public async Task<CreateBundleResult> RunAsync(CreateBundleRequest options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = context.Paths;
        var reporter = context.Reporter;
        var versionsFile = VersionsLoader.Resolve(context, options.Selection.Versions);
        var git = Adapters.Git.GitCli.Default;
        var cache = context.SourceCache(git);
        var fetch = new FetchService(cache);
        var (document, spec) = await VersionsLoader.LoadBundleAsync(
            context, options.Selection,
            options.Offline
                ? async (source, token) => await git.TagsAsync(
                    await cache.MirrorAsync(source, token).ConfigureAwait(false), token).ConfigureAwait(false)
                : async (source, token) => (await fetch.UpdateOnceAsync(source, token).ConfigureAwait(false)).Tags,
            summarize: !options.DryRun,
            cancellationToken).ConfigureAwait(false);
        if (!options.Offline && !options.DryRun)
        {
            // Ask the origins now: their answers come while the recipes and the lock are read. The fetch below awaits
            // these same updates (one per mirror), and reports their failures.
            foreach (var source in spec.Components.Select(component => document.SourceFor(component.Component.Kind))
                .OfType<ComponentSource>()
                .Distinct())
            {
                _ = fetch.UpdateOnceAsync(source, cancellationToken);
            }
        }

        var targets = BundleInputs.Targets(options.Targets);
        var epoch = BundleAssembler.SourceDateEpoch();
        var recipes = await RecipeLoader.LoadAsync(
            RecipeFolders(options.Recipes, paths.Packaging, paths.Root),
            spec.Components.Select(component => Recipe.FolderFor(component.Component)),
            paths.Display,
            cancellationToken).ConfigureAwait(false);
        var outputFolder = options.Output is null
            ? ContainedPath.Under(Path.Combine(paths.Artifacts, "bundles"), spec.Id, "bundle id")
            : Path.GetFullPath(options.Output, paths.Root);
        var shardFolder = options.ShardOut is null ? null : Path.GetFullPath(options.ShardOut, paths.Root);

        if (options.DryRun)
        {
            var planned = PackagePlanner.Plan(
                spec.Components.Select(component => new ManifestComponent(component.Component, component.Version, "?", "?", "?")),
                recipes,
                targets);
            var table = TextTable.Create(
                $"create-bundle {spec.Id} (dry run)",
                ["component", "version", "target", "archive", "host"],
                planned.Select(job => new[]
            {
                job.Component.Component.Id, job.Component.Version.ToNormalizedString(), job.Target.Name, job.ArchiveName,
                HostRequirements.Missing(job.Recipe.Requires.Concat(job.Target.Requires)) is { Count: > 0 } missing
                    ? "needs " + string.Join(", ", missing)
                    : "ok",
            }));
            reporter.Table(table);
            reporter.Info(shardFolder is null
                ? $"would write {planned.Length} archive(s), bundle.json, RELEASE_NOTES.md, "
                    + $"{BundleFiles.MetaPackage(spec.Id)} and SHA256SUMS to {paths.Display(outputFolder)}"
                : $"would write a shard of {planned.Length} archive(s) to {paths.Display(shardFolder)}");
            reporter.Success("dry run: nothing was fetched, built or written");
            return new CreateBundleResult(spec.Id, shardFolder ?? outputFolder, [], string.Empty, new BuildTimings([]));
        }

        // Two runs in one clone: the bundle (or shard) folder is this run's alone until it is written; a second run
        // waits, saying which process holds it.
        var written = shardFolder ?? outputFolder;
        using var folderLock = await OutputLock.FolderAsync(written, paths.Display(written), reporter.Info, cancellationToken)
            .ConfigureAwait(false);

        // 1. Sources: the fetch service (mirrors, exports at the tags, checked against the lock).
        var cacheFolder = cache.CacheFolder;
        var lockPath = VersionsLoader.LockPathOf(versionsFile);
        var currentLock = await VersionsLoader.ReadLockAsync(context, lockPath, cancellationToken).ConfigureAwait(false);
        var request = new FetchRequest(
            spec, document.Sources, currentLock, UpdateLock: false, paths.Display(lockPath))
        {
            Offline = options.Offline,
            Positions = document.PositionsIn(spec.Id),
        };
        var fetched = await fetch.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var warning in fetched.Warnings)
        {
            reporter.Report(warning);
        }

        var exports = fetched.Components.ToImmutableDictionary(component => component.Locked.Component, component => component.ExportPath);
        // Archive mtimes: SOURCE_DATE_EPOCH, else each component's commit time, which the fetch read with its trees.
        var times = fetched.Components.ToImmutableDictionary(
            component => component.Locked.Component,
            component => epoch is { } fixedTime ? DateTimeOffset.FromUnixTimeSeconds(fixedTime) : component.Committed);

        // 2. Plan, check the host, build and pack.
        var locked = fetched.ManifestComponents;
        var jobs = PackagePlanner.Plan(locked, recipes, targets);
        var hostProblems = new List<Diagnostic>();
        foreach (var job in jobs)
        {
            try
            {
                PackageBuilder.CheckHost(job);
            }
            catch (PackageBuildException exception)
            {
                hostProblems.Add(exception.Diagnostic);
            }
        }

        if (hostProblems.Count > 0)
        {
            throw new UserErrorException(hostProblems);
        }

        if (shardFolder is not null)
        {
            PrepareShardFolder(shardFolder);
        }

        // One machine: the archives stay in the cache until assembly places them; a shard gets its own copies.
        var builder = new PackageBuilder(cacheFolder) { Waiting = reporter.Info };

        // An export a build will read is first compared with what was exported (docs/sources.md): one changed in the
        // cache is exported again, never built as it is.
        // Each export is read whole to compare it, so the distinct ones are compared one per core; the warnings and
        // the exports made again follow in the components' order, one per export.
        var jobsOf = jobs.ToLookup(job => job.Component.Component);
        var building = (await Task.WhenAll(fetched.Components.Select(async component =>
            {
                var builds = false;
                foreach (var job in jobsOf[component.Locked.Component])
                {
                    var time = times[component.Locked.Component];
                    builds = builds || !await builder.IsCachedAsync(job, time, cancellationToken).ConfigureAwait(false);
                }

                return (Component: component, Builds: builds, Source: document.SourceFor(component.Locked.Component.Kind));
            })).ConfigureAwait(false))
            .Where(item => item.Builds && item.Source is not null)
            .ToList();
        var changes = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            building.Select(item => item.Component.ExportPath).Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (export, token) => changes[export] = await ExportRecord.ChangeAsync(export, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        var exportedAgain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (component, _, source) in building)
        {
            if (changes[component.ExportPath] is { } change && exportedAgain.Add(component.ExportPath))
            {
                reporter.Report(Diagnostic.Warning(
                    DiagnosticCodes.Sources.ExportChanged,
                    $"{component.Locked.Component.Id}: the export of commit {component.Locked.Commit} in "
                        + $"{paths.Display(component.ExportPath)} is not what was exported: {change}",
                    "none: it is exported again from the mirror before the build; exports are read-only (build in a copy)",
                    SourceLocation.InFile(paths.Display(component.ExportPath))));
                await cache.ExportAgainAsync(source!, component.Locked, cancellationToken).ConfigureAwait(false);
            }
        }

        var results = await PackageRun.RunAsync(
            reporter,
            builder,
            jobs,
            job => (exports[job.Component.Component], times[job.Component.Component]),
            shardFolder,
            cancellationToken).ConfigureAwait(false);

        // 3. Release notes and the shard manifest.
        // Offline, a tag missing from a mirror is not fetched from the origin: the notes say so instead.
        // The tags the fetch read are not looked up again (a list that cannot be read: each tag is looked up alone).
        var notesService = new ReleaseNotesService(
            cache.MirrorAsync,
            null,
            options.Offline ? null : async (source, token) => await cache.UpdateMirrorAsync(source, token).ConfigureAwait(false))
        {
            KnownTags = async (source, token) =>
            {
                try
                {
                    return await fetch.TagsAsync(source, token).ConfigureAwait(false);
                }
                catch (Adapters.Git.GitException)
                {
                    return ImmutableSortedDictionary<string, string>.Empty;
                }
            },
        };
        var previous = PreviousBundle.Find(document.Bundles.Select(item => item.ToSpec()), spec);
        var notes = await notesService.BuildBundleNotesAsync(spec, previous, document.Sources, cancellationToken).ConfigureAwait(false);
        // Every target of every component's recipe: what --targets left out is written as "missing" (a shard's other
        // shards make it; a bundle with any is partial, and neither assemble-bundle nor publish accepts it).
        var made = jobs.Select(job => job.ArchiveName).ToHashSet(StringComparer.Ordinal);
        var missing = targets is null
            ? []
            : PackagePlanner.Plan(locked, recipes, null).Where(job => !made.Contains(job.ArchiveName))
                .Select(job => new PlannedArchive(job.Component.Component, job.Target.Name, job.ArchiveName)).ToList();
        var manifest = new BundleManifest(spec, locked, [])
            .WithArtifacts(results.Select(result => result.ToArtifact())).WithMissing(missing);
        var built = results.Count(result => !result.FromCache);
        var counts = $"{results.Length} archive(s): {built} built, {results.Length - built} from cache";
        var timingsFile = options.Timings is null ? null : Path.GetFullPath(options.Timings, paths.Root);
        var jobTimings = results.Select(result => result.ToTiming()).ToImmutableArray();
        if (shardFolder is not null)
        {
            await BundleAssembler.WriteShardAsync(shardFolder, manifest, notes, cancellationToken).ConfigureAwait(false);
            await WriteTimingsAsync(timingsFile, jobTimings, cancellationToken).ConfigureAwait(false);
            reporter.Success($"shard of {spec.Id} written to {paths.Display(shardFolder)} — {counts}");
            return new CreateBundleResult(spec.Id, shardFolder, [], counts, new BuildTimings(jobTimings));
        }

        // 4. Assemble: the same code that merges CI shards, so one machine and shards give the same bytes; the
        // plan of this one "shard" is what was just made, with nothing to cross-check.
        var plan = new AssemblyPlan(
            manifest,
            notes,
            results.ToImmutableSortedDictionary(result => result.Job.ArchiveName, result => result.Path, StringComparer.Ordinal))
        {
            Repositories = document.Repositories(),
        };
        var assembled = await BundleAssembler.AssembleAsync(
            plan,
            outputFolder,
            paths.Installers,
            BundleAssembler.MetaTimestamp(plan.Manifest, epoch),
            cacheFolder,
            cancellationToken).ConfigureAwait(false);
        var files = assembled.Files;
        await WriteTimingsAsync(timingsFile, jobTimings.Add(assembled.MetaPackage), cancellationToken).ConfigureAwait(false);
        reporter.Info($"{paths.Display(outputFolder)}: {string.Join(", ", files)}");
        reporter.StepSummary($"### Bundle {spec.Id}\n\n{counts}; {files.Length} files in `{paths.Display(outputFolder)}`.\n");
        if (manifest.IsPartial)
        {
            reporter.Report(Diagnostic.Warning(
                DiagnosticCodes.Packaging.PartialBundle,
                $"bundle {spec.Id} is partial (--targets): it lacks {string.Join("; ", manifest.MissingByTarget())}",
                "a partial bundle is for testing and is never published; build every target, "
                    + "or one shard per target (--shard-out) and assemble-bundle them all"));
        }

        reporter.Success($"bundle {spec.Id} created in {paths.Display(outputFolder)} — {counts}");
        return new CreateBundleResult(spec.Id, outputFolder, files, counts, new BuildTimings(jobTimings.Add(assembled.MetaPackage)));
    }

    private static async Task WriteTimingsAsync(string? file, ImmutableArray<JobTiming> jobs, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            await OutputFiles.WriteAllTextAsync(
                file, new BuildTimings(jobs).ToJson(), "--timings", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A shard folder holds only this run's files: earlier archives and manifests are removed first.</summary>
    private static void PrepareShardFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if (BundleFiles.IsArchive(name) || name is BundleFiles.Shard or BundleFiles.Notes)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The recipe folders of <c>--recipes</c> (comma-separated, each recipe from the first that has it), or packaging/.</summary>
    private static string[] RecipeFolders(string? option, string packaging, string root) =>
        option is null
            ? [Path.GetFullPath(packaging, root)]
            : [.. option.Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(folder => Path.GetFullPath(folder, root))];
}
