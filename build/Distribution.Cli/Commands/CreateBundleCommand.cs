using System.Collections.Immutable;
using System.CommandLine;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Files;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Cli.Packaging;
using Distribution.Core.Benchmarks;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Rendering;
using Distribution.Core.Sources;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>create-bundle</c>: fetches a bundle's components (mirrors, exports at the locked tags), builds and packs every
/// component × target through the build cache in parallel, writes the release notes, and assembles
/// <c>artifacts/bundles/BUNDLE/</c> (archives, bundle.json, RELEASE_NOTES.md, the meta-package, SHA256SUMS).
/// With <c>--shard-out=DIR</c> it stops after writing one CI shard (see docs/packaging-guide.md).
/// </summary>
public sealed class CreateBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var bundle = new Option<string>("--bundle") { Description = "The bundle to make (default: the newest stable bundle); with --core…, the ad-hoc bundle's id." };
        var core = new Option<string>("--core") { Description = "Ad-hoc combination: the core version (others default to the default bundle's)." };
        var platform = new Option<string>("--platform") { Description = "Ad-hoc combination: the platform version." };
        var workspace = new Option<string>("--workspace") { Description = "Ad-hoc combination: the workspace version." };
        var extensions = new Option<string>("--extensions") { Description = "Ad-hoc combination: extensions as name@version, comma-separated." };
        var newest = new Option<bool>("--newest") { Description = "The newest tag of every component that the matrix allows (nightly runs); --bundle names it (default: newest)." };
        var targets = new Option<string>("--targets") { Description = "Platform targets to build, comma-separated (default: all of linux-x64, linux-arm64, darwin-x64, darwin-arm64); noarch archives are always made." };
        var output = new Option<string>("--output") { Description = "The bundle folder (default: artifacts/bundles/BUNDLE)." };
        var shardOut = new Option<string>("--shard-out") { Description = "Write one CI shard (archives, shard.json, RELEASE_NOTES.md) to this folder instead of the bundle; merge shards with assemble-bundle." };
        var versions = new Option<string>("--versions") { Description = "The versions file (default: version-management/versions.toml); the lock is versions.lock beside it." };
        var recipesFolder = new Option<string>("--recipes") { Description = "The folder of recipes (default: packaging/), or several, comma-separated, each recipe read from the first that has it (packaging/rust,packaging); for other recipes than the shipped ones." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the archives that would be made; build and write nothing." };
        var offline = new Option<bool>("--offline") { Description = "Use the mirrors as they are, without fetching from the origins (build.cake passes it when its Fetch task has just updated them); checks against the lock still hold." };
        var timings = new Option<string>("--timings") { Description = "Also write the build and compression intervals of every archive to this JSON file (for the benchmark; docs/benchmark.md)." };
        var command = new Command("create-bundle", "Build and package a bundle for linux/darwin × x64/arm64 and assemble artifacts/bundles/BUNDLE (archives, bundle.json, meta-package, SHA256SUMS).")
        {
            bundle, core, platform, workspace, extensions, newest, targets, output, shardOut, versions, recipesFolder, dryRun, timings, offline,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, token => RunAsync(
            context,
            new Options(parse.GetValue(bundle), parse.GetValue(core), parse.GetValue(platform), parse.GetValue(workspace), parse.GetValue(extensions), parse.GetValue(targets), parse.GetValue(output), parse.GetValue(shardOut), parse.GetValue(versions), parse.GetValue(recipesFolder), parse.GetValue(dryRun), parse.GetValue(newest), parse.GetValue(timings), parse.GetValue(offline)),
            token), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var reporter = context.Reporter;
        var versionsFile = VersionsLoader.Resolve(context, options.Versions);
        var git = Adapters.Git.GitCli.Default;
        var cache = SourceCache.For(paths.Root, git);
        var fetch = new FetchService(cache);
        var (document, spec) = await VersionsLoader.LoadBundleAsync(
            context, options.Versions, options.Bundle, options.Core, options.Platform, options.Workspace, options.Extensions, options.Newest,
            options.Offline
                ? async (source, token) => await git.TagsAsync(await cache.MirrorAsync(source, token).ConfigureAwait(false), token).ConfigureAwait(false)
                : async (source, token) => (await fetch.UpdateOnceAsync(source, token).ConfigureAwait(false)).Tags,
            cancellationToken).ConfigureAwait(false);
        if (!options.Offline && !options.DryRun)
        {
            // Ask the origins now: their answers come while the recipes and the lock are read. The fetch below awaits
            // these same updates (one per mirror), and reports their failures.
            foreach (var source in spec.Components.Select(component => document.SourceFor(component.Component.Kind)).OfType<ComponentSource>().Distinct())
            {
                _ = fetch.UpdateOnceAsync(source, cancellationToken);
            }
        }

        var targets = BundleInputs.Targets(options.Targets);
        var epoch = BundleAssembler.SourceDateEpoch();
        var recipes = await RecipeLoader.LoadAsync(RecipeFolders(options.Recipes, paths.Packaging, paths.Root), spec.Components.Select(component => Recipe.FolderFor(component.Component)), paths.Display, cancellationToken).ConfigureAwait(false);
        var outputFolder = Path.GetFullPath(options.Output ?? Path.Combine(paths.Artifacts, "bundles", spec.Id), paths.Root);
        var shardFolder = options.ShardOut is null ? null : Path.GetFullPath(options.ShardOut, paths.Root);

        if (options.DryRun)
        {
            var planned = PackagePlanner.Plan(spec.Components.Select(component => new ManifestComponent(component.Component, component.Version, "?", "?", "?")), recipes, targets);
            var table = TextTable.Create($"create-bundle {spec.Id} (dry run)", ["component", "version", "target", "archive", "host"], planned.Select(job => new[]
            {
                job.Component.Component.Id, job.Component.Version.ToNormalizedString(), job.Target.Name, job.ArchiveName,
                HostRequirements.Missing(job.Recipe.Requires.Concat(job.Target.Requires)) is { Count: > 0 } missing ? "needs " + string.Join(", ", missing) : "ok",
            }));
            reporter.Table(table);
            reporter.Info(shardFolder is null
                ? $"would write {planned.Length} archive(s), bundle.json, RELEASE_NOTES.md, provisioning-bundle-{spec.Id}.tar.gz and SHA256SUMS to {paths.Display(outputFolder)}"
                : $"would write a shard of {planned.Length} archive(s) to {paths.Display(shardFolder)}");
            reporter.Success("dry run: nothing was fetched, built or written");
            return CommandRunner.Ok;
        }

        // 1. Sources: the fetch service (mirrors, exports at the tags, checked against the lock).
        var cacheFolder = cache.CacheFolder;
        var lockPath = VersionsLoader.LockPathOf(versionsFile);
        var currentLock = await VersionsLoader.ReadLockAsync(context, lockPath, cancellationToken).ConfigureAwait(false);
        var request = new FetchRequest(spec, document.Sources, currentLock, UpdateLock: false, paths.Display(lockPath)) { Offline = options.Offline };
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
        var builder = new PackageBuilder(cacheFolder);
        var results = await PackageRun.RunAsync(reporter, builder, jobs, job => (exports[job.Component.Component], times[job.Component.Component]), shardFolder, cancellationToken).ConfigureAwait(false);

        // 3. Release notes and the shard manifest.
        // Offline, a tag missing from a mirror is not fetched from the origin: the notes say so instead.
        // The tags the fetch read are not looked up again (a list that cannot be read: each tag is looked up alone).
        var notesService = new ReleaseNotesService(cache.MirrorAsync, null, options.Offline ? null : async (source, token) => await cache.UpdateMirrorAsync(source, token).ConfigureAwait(false))
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
        var manifest = new BundleManifest(spec, locked, []).WithArtifacts(results.Select(result => result.ToArtifact()));
        var built = results.Count(result => !result.FromCache);
        var counts = $"{results.Length} archive(s): {built} built, {results.Length - built} from cache";
        var timingsFile = options.Timings is null ? null : Path.GetFullPath(options.Timings, paths.Root);
        var jobTimings = results.Select(result => result.ToTiming()).ToImmutableArray();
        if (shardFolder is not null)
        {
            await BundleAssembler.WriteShardAsync(shardFolder, manifest, notes, cancellationToken).ConfigureAwait(false);
            await WriteTimingsAsync(timingsFile, jobTimings, cancellationToken).ConfigureAwait(false);
            reporter.Success($"shard of {spec.Id} written to {paths.Display(shardFolder)} — {counts}");
            return CommandRunner.Ok;
        }

        // 4. Assemble: the same code that merges CI shards, so one machine and shards give the same bytes; the
        // plan of this one "shard" is what was just made, with nothing to cross-check.
        var plan = new AssemblyPlan(manifest, notes, results.ToImmutableSortedDictionary(result => result.Job.ArchiveName, result => result.Path, StringComparer.Ordinal));
        var assembled = await BundleAssembler.AssembleAsync(plan, outputFolder, paths.Installers, BundleAssembler.MetaTimestamp(plan.Manifest, epoch), cacheFolder, cancellationToken).ConfigureAwait(false);
        var files = assembled.Files;
        await WriteTimingsAsync(timingsFile, jobTimings.Add(assembled.MetaPackage), cancellationToken).ConfigureAwait(false);
        reporter.Info($"{paths.Display(outputFolder)}: {string.Join(", ", files)}");
        reporter.StepSummary($"### Bundle {spec.Id}\n\n{counts}; {files.Length} files in `{paths.Display(outputFolder)}`.\n");
        reporter.Success($"bundle {spec.Id} created in {paths.Display(outputFolder)} — {counts}");
        return CommandRunner.Ok;
    }

    private static async Task WriteTimingsAsync(string? file, ImmutableArray<JobTiming> jobs, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            await OutputFiles.WriteAllTextAsync(file, new BuildTimings(jobs).ToJson(), "--timings", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A shard folder holds only this run's files: earlier archives and manifests are removed first.</summary>
    private static void PrepareShardFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(file);
            if ((name.StartsWith("provisioning-", StringComparison.Ordinal) && name.EndsWith(".tar.gz", StringComparison.Ordinal))
                || name is BundleAssembler.ShardManifest or BundleAssembler.ReleaseNotesFile)
            {
                File.Delete(file);
            }
        }
    }

    private static string[] RecipeFolders(string? option, string packaging, string root) =>
        option is null ? [Path.GetFullPath(packaging, root)] : [.. option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(folder => Path.GetFullPath(folder, root))];

    private sealed record Options(string? Bundle, string? Core, string? Platform, string? Workspace, string? Extensions, string? Targets, string? Output, string? ShardOut, string? Versions, string? Recipes, bool DryRun, bool Newest, string? Timings, bool Offline);
}
