using System.Collections.Immutable;
using Distribution.Adapters.Files;
using Distribution.Adapters.Sources;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// The fetch phase: mirrors every repository of a bundle (or of every bundle), exports each component's tree at its
/// tag into the cache, checks the sources, and writes the lock file. See docs/sources.md.
/// </summary>
public sealed class FetchPhase(PhaseContext context)
{
    public async Task RunAsync(FetchBundlesRequest options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Locked && options.UpdateLock)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Sources.BadOptions,
                "--locked and --update-lock contradict each other",
                "use --locked on CI, --update-lock when a moved tag is known to be right");
        }

        var paths = context.Paths;
        var versionsFile = VersionsLoader.Resolve(context, options.Selection.Versions);
        var lockFile = VersionsLoader.LockPathOf(versionsFile);
        var cache = context.SourceCache();
        var service = new FetchService(cache);
        var (document, bundles, lockBundles) = await SelectAsync(context, options, service, cancellationToken).ConfigureAwait(false);
        var currentLock = await VersionsLoader.ReadLockAsync(context, lockFile, cancellationToken).ConfigureAwait(false);

        if (options.DryRun)
        {
            await DryRunAsync(
                context,
                cache,
                document,
                bundles,
                lockBundles,
                currentLock,
                paths.Display(lockFile),
                cancellationToken).ConfigureAwait(false);
            return;
        }

        var nextLock = options.All ? LockFile.Empty : currentLock;
        var exported = 0;
        var results = new List<FetchResult>();
        try
        {
            foreach (var spec in bundles)
            {
                var request = new FetchRequest(spec, document.Sources, currentLock, options.UpdateLock, paths.Display(lockFile))
                {
                    Positions = document.PositionsIn(spec.Id),
                };
                var result = await service.FetchAsync(request, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                exported += result.Components.Count(component => component.ExportedNow);
                if (lockBundles.Contains(spec.Id))
                {
                    nextLock = nextLock.WithBundle(spec.Id, result.Locked);
                }
            }
        }
        finally
        {
            foreach (var line in service.Log)
            {
                context.Reporter.Info(line);
            }

            foreach (var update in service.MirrorUpdates.Values.OrderBy(update => update.Repository, StringComparer.Ordinal))
            {
                context.Reporter.Info($"{update.Repository} → {Display(cache, update.Mirror)}: {update.Describe()}");
            }
        }

        foreach (var result in results)
        {
            context.Reporter.Info($"bundle {result.Bundle}:");
            foreach (var component in result.Components)
            {
                var item = component.Locked;
                context.Reporter.Info($"  {item.Component.Id} {item.Version.ToNormalizedString()} at {item.Tag} = {item.Commit[..12]}: "
                    + $"{(component.ExportedNow ? "exported to " + Display(cache, component.ExportPath) : "already exported")}");
            }

            foreach (var warning in result.Warnings)
            {
                context.Reporter.Report(warning);
            }
        }

        var changes = currentLock.Differences(nextLock);
        var display = paths.Display(lockFile);
        if (options.Locked && (!changes.IsEmpty || (!File.Exists(lockFile) && !lockBundles.IsEmpty)))
        {
            var detail = File.Exists(lockFile) ? string.Join("; ", changes) : "the lock file does not exist";
            throw UserErrorException.At(
                SourceLocation.InFile(display),
                DiagnosticCodes.Sources.LockWouldChange,
                $"the lock file would change (--locked): {detail}",
                "run ./build.sh --target=Fetch without --locked, review and commit versions.lock");
        }

        if (!changes.IsEmpty || (!File.Exists(lockFile) && !nextLock.Bundles.IsEmpty))
        {
            await AtomicFile.WriteAllTextAsync(lockFile, nextLock.Write(), cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                context.Reporter.Info($"lock: {change}");
            }

            context.Reporter.Info($"lock: {display} written ({changes.Length} change(s))");
        }
        else if (lockBundles.IsEmpty)
        {
            context.Reporter.Info($"lock: {display} not touched (an ad-hoc combination "
                + "gets no lock entry; name it with --bundle=ID to lock it)");
        }
        else
        {
            context.Reporter.Info($"lock: {display} unchanged (it already pins these commits)");
        }

        var nothingNew = exported == 0 && changes.IsEmpty && service.MirrorUpdates.Values.All(update => update.UpToDate);
        var summary = new System.Text.StringBuilder("### Fetch\n\n| bundle | "
            + "component | version | tag | commit |\n|---|---|---|---|---|\n");
        foreach (var result in results)
        {
            foreach (var item in result.Locked)
            {
                var commit = item.Commit[..12];
                summary.Append(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"| {result.Bundle} | {item.Component.Id} | {item.Version.ToNormalizedString()} | `{item.Tag}` | `{commit}` |\n");
            }
        }

        context.Reporter.StepSummary(summary.Append('\n')
            .Append(changes.IsEmpty ? "The lock is unchanged.\n" : $"The lock changed ({changes.Length} entries).\n")
            .ToString());
        context.Reporter.Success(nothingNew
            ? "fetch: nothing new — every mirror was up to date, every tree already exported, the lock unchanged"
            : $"fetch: {bundles.Length} bundle(s), {exported} tree(s) exported, "
                + $"{service.MirrorUpdates.Values.Count(update => !update.UpToDate)} mirror(s) created or updated{Rebuilt(service)}");
    }

    private static string Rebuilt(FetchService service) =>
        service.MirrorUpdates.Values.Count(update => update.Rebuilt) is var count and > 0
            ? $" ({count} of them rebuilt after damage)"
            : string.Empty;

    /// <summary>
    /// The bundles to fetch and the ids among them that get lock entries (an ad-hoc combination only when --bundle names it).
    /// </summary>
    private static async Task<(VersionsDocument Document, ImmutableArray<BundleSpec> Bundles, ImmutableHashSet<string> Locked)> SelectAsync(
        PhaseContext context, FetchBundlesRequest options, FetchService service, CancellationToken cancellationToken)
    {
        if (options.All)
        {
            if (options.Selection.Newest || options.Selection.Bundle is not null || options.Selection.NamesVersions)
            {
                throw UserErrorException.Of(
                    DiagnosticCodes.Sources.BadOptions,
                    "--all fetches every bundle of versions.toml and takes no --bundle, --newest or versions",
                    "drop --all, or the other options");
            }

            var document = await VersionsLoader.LoadAsync(context, options.Selection.Versions, cancellationToken).ConfigureAwait(false);
            var every = document.Bundles.Select(bundle => bundle.ToSpec()).ToImmutableArray();
            return (document, every, [.. every.Select(spec => spec.Id)]);
        }

        var (loaded, spec) = await VersionsLoader.LoadBundleAsync(context, options.Selection,
            async (source, token) => (await service.UpdateOnceAsync(source, token).ConfigureAwait(false)).Tags,
            summarize: false,
            cancellationToken).ConfigureAwait(false);
        var locked = spec.Kind != BundleKind.Custom || (options.Selection.Bundle is not null && !options.Selection.Newest);
        return (loaded, [spec], locked ? [spec.Id] : []);
    }

    private static async Task DryRunAsync(
        PhaseContext context,
        SourceCache cache,
        VersionsDocument document,
        ImmutableArray<BundleSpec> bundles,
        ImmutableHashSet<string> lockBundles,
        LockFile currentLock,
        string lockDisplay,
        CancellationToken cancellationToken)
    {
        var reporter = context.Reporter;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in bundles)
        {
            reporter.Info($"bundle {spec.Id}:");
            foreach (var component in spec.Components)
            {
                var source = document.SourceFor(component.Component.Kind)
                    ?? throw UserErrorException.Of(
                        DiagnosticCodes.Sources.NoComponentSource,
                        $"no repository is configured for {component.Component.Id}",
                        "add it to [components] in versions.toml");
                var mirror = cache.MirrorPathOf(source);
                if (seen.Add(mirror))
                {
                    var sample = source.IsSample
                        && !await cache.Samples.IsCurrentAsync(
                            source.Repository[ComponentSource.SampleScheme.Length..], cancellationToken).ConfigureAwait(false)
                        ? " (after generating the sample repository)"
                        : string.Empty;
                    reporter.Info(Directory.Exists(mirror)
                        ? $"  would update mirror {Display(cache, mirror)} from {source.Repository}{sample}"
                        : $"  would create mirror {Display(cache, mirror)} from {source.Repository}{sample}");
                }

                var tag = source.TagFor(component.Component, component.Version);
                var commit = Directory.Exists(mirror)
                    && (await cache.Git.TagsAsync(mirror, cancellationToken).ConfigureAwait(false)).TryGetValue(tag, out var found)
                    ? found
                    : null;
                var previous = currentLock.Find(spec.Id, component.Component);
                var locking = !lockBundles.Contains(spec.Id) ? "not locked (ad-hoc)"
                    : previous is null ? "would add a lock entry"
                    : previous.Tag == tag && previous.Commit == commit ? "lock unchanged"
                    : previous.Tag == tag && commit is not null
                        ? $"lock says {previous.Commit}: the tag moved (an error without --update-lock)"
                    : $"would change the lock entry ({previous.Tag} → {tag})";
                var export = commit is null
                    ? "commit known after fetching"
                    : Directory.Exists(Path.Combine(cache.SourcesFolder, component.Component.Id, commit))
                        ? $"{commit[..12]} already exported"
                        : $"would export {commit[..12]} to "
                            + $"{Display(cache, Path.Combine(cache.SourcesFolder, component.Component.Id, commit))}";
                reporter.Info($"  {component.Component.Id} {component.Version.ToNormalizedString()} at {tag}: {export}; {locking}");
            }
        }

        reporter.Info($"lock file: {lockDisplay}");
        reporter.Success("dry run: nothing was fetched, exported or written");
    }

    private static string Display(SourceCache cache, string path)
    {
        var relative = Path.GetRelativePath(cache.RepositoryRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
