using System.Collections.Concurrent;
using System.Collections.Immutable;
using Distribution.Adapters.Git;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Core.Toml;

namespace Distribution.Adapters.Sources;

/// <summary>
/// Fetches a bundle: updates each repository's mirror once per service (in parallel), resolves every component's
/// tag to a commit and tree, refuses a tag that moved since the lock, exports the trees (in parallel), and checks
/// each component's manifest against the bundle. A damaged mirror is rebuilt once; a failed fetch leaves the mirror
/// as it was.
/// </summary>
public sealed class FetchService
{
    private readonly ConcurrentDictionary<string, Lazy<Task<MirrorUpdate>>> updates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<MirrorUpdate>>> rebuilds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> log = new();

    // Read once per mirror (or commit) and fetch, however many components share it: the extensions of a monorepo.
    private readonly ConcurrentDictionary<string, Lazy<Task<MirrorRefs>>> refs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Mirror, string Commit), Lazy<Task<bool>>> onBranch = new();

    public FetchService(SourceCache cache)
    {
        Cache = cache;
    }

    public SourceCache Cache { get; }

    /// <summary>What went wrong and was repaired (a damaged mirror rebuilt), one line each, in the order it happened.</summary>
    public IReadOnlyCollection<string> Log => log;

    /// <summary>
    /// The mirrors updated so far by this service, by mirror path; a mirror rebuilt after its update (reading a tag
    /// or exporting met damage) is reported as rebuilt.
    /// </summary>
    public ImmutableSortedDictionary<string, MirrorUpdate> MirrorUpdates
    {
        get
        {
            static bool Done(Lazy<Task<MirrorUpdate>> task) => task.IsValueCreated && task.Value.IsCompletedSuccessfully;
            var result = updates.Where(pair => Done(pair.Value)).ToDictionary(
                pair => pair.Key, pair => pair.Value.Value.Result, StringComparer.Ordinal);
            foreach (var (mirror, rebuild) in rebuilds.Where(pair => Done(pair.Value)))
            {
                result[mirror] = rebuild.Value.Result with { Rebuilt = true };
            }

            return result.ToImmutableSortedDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>The source of a component: <c>[components.core]</c>, …, or <c>[components.extensions]</c> for an extension.</summary>
    public static ComponentSource SourceOf(FetchRequest request, ComponentId component)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(component);
        return request.Sources.TryGetValue(component.Kind, out var source)
            ? source
            : throw UserErrorException.Of(
                DiagnosticCodes.Sources.NoComponentSource,
                $"no repository is configured for {component.Id}",
                $"add [components.{(component.Kind == ComponentKind.Extension ? "extensions" : component.Id)}] "
                    + "with repository and tag to versions.toml");
    }

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bundle = request.Bundle;
        var sources = bundle.Components.Select(component => SourceOf(request, component.Component)).ToList();

        // 1. Mirrors, each once, in parallel.
        var failures = new List<Diagnostic>();
        var distinct = sources.DistinctBy(source => Cache.MirrorPathOf(source)).ToList();
        var results = await Task.WhenAll(distinct.Select(async source =>
        {
            try
            {
                if (request.Offline)
                {
                    await Cache.MirrorAsync(source, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // The update read the mirror's refs and tags already: the components use that list.
                    var update = await UpdateOnceAsync(source, cancellationToken).ConfigureAwait(false);
                    refs.TryAdd(update.Mirror, new Lazy<Task<MirrorRefs>>(Task.FromResult(update.Refs)));
                }

                return null;
            }
            catch (UserErrorException exception)
            {
                return exception.Diagnostics.ToArray();
            }
        })).ConfigureAwait(false);
        failures.AddRange(results.Where(item => item is not null).SelectMany(item => item!));
        if (failures.Count > 0)
        {
            throw new UserErrorException(failures);
        }

        // 2. Tags → commits and trees, checked against the lock; 3. exports; 4. manifests. Each component in parallel;
        // what the components of one mirror ask of it is read in one batch per mirror.
        var batches = bundle.Components.Select((component, index) => (Component: component, Source: sources[index]))
            .GroupBy(item => Cache.MirrorPathOf(item.Source), StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => new Lazy<Task<MirrorBatch>>(() => ReadBatchAsync(group.Key, [.. group], cancellationToken)),
                StringComparer.Ordinal);
        var warnings = new ConcurrentBag<Diagnostic>();
        var outcomes = await Task.WhenAll(bundle.Components.Select((component, index) =>
            FetchComponentAsync(
                request,
                component,
                sources[index],
                batches[Cache.MirrorPathOf(sources[index])],
                warnings,
                cancellationToken))).ConfigureAwait(false);
        var errors = outcomes.SelectMany(outcome => outcome.Errors).ToList();
        if (errors.Count > 0)
        {
            throw new UserErrorException(errors);
        }

        return new FetchResult(
            bundle.Id,
            [.. outcomes.Select(outcome => outcome.Component!).OrderBy(item => item.Locked.Component)],
            [.. warnings.OrderBy(item => item.Message, StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The tags of the source's mirror (tag → commit, annotated tags peeled) as this service read them: from its update,
    /// or listed once when it has not read them yet.
    /// </summary>
    public Task<ImmutableSortedDictionary<string, string>> TagsAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TagsOnceAsync(Cache.MirrorPathOf(source), cancellationToken);
    }

    /// <summary>Updates the source's mirror unless this service already did; a failure is a SRC010 diagnostic.</summary>
    public Task<MirrorUpdate> UpdateOnceAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var mirror = Cache.MirrorPathOf(source);
        return updates.GetOrAdd(mirror, _ => new Lazy<Task<MirrorUpdate>>(() => UpdateAsync(source, cancellationToken))).Value;
    }

    private async Task<MirrorUpdate> UpdateAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        var mirror = Cache.MirrorPathOf(source);
        var display = Display(mirror);
        try
        {
            return await Cache.UpdateMirrorAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException exception)
        {
            if (Directory.Exists(mirror) && !await IsHealthyAsync(mirror, cancellationToken).ConfigureAwait(false))
            {
                log.Enqueue($"{source.Repository}: the mirror {display} is damaged; rebuilding it");
                try
                {
                    var rebuilt = await Cache.RebuildMirrorAsync(source, cancellationToken).ConfigureAwait(false);
                    log.Enqueue($"{source.Repository}: mirror rebuilt ({display})");
                    return rebuilt with { Rebuilt = true };
                }
                catch (GitException again)
                {
                    throw FetchFailed(source, display, again);
                }
            }

            throw FetchFailed(source, display, exception);
        }
    }

    private async Task<Outcome> FetchComponentAsync(
        FetchRequest request,
        BundleComponent component,
        ComponentSource source,
        Lazy<Task<MirrorBatch>> batch,
        ConcurrentBag<Diagnostic> warnings,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveAndExportAsync(request, component, source, batch, warnings, cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException exception)
        {
            return new Outcome(null, [.. exception.Diagnostics]);
        }
    }

    /// <summary>
    /// What the components of one mirror ask of it, read in one pass: the trees and commit times of their commits (one
    /// <c>cat-file --batch</c>), then, when they are at two commits or more, which of them are on a branch (one
    /// <see cref="GitCli.OnBranchAsync"/>, kept with the other answers of this service; a single commit is asked by its
    /// component, one process either way). Whatever the batch cannot answer (it failed, or a commit or its tree cannot be
    /// read), each component asks alone, so a damaged mirror is met, reported and repaired as it would be without it.
    /// </summary>
    private async Task<MirrorBatch> ReadBatchAsync(
        string mirror, ImmutableArray<(BundleComponent Component, ComponentSource Source)> items, CancellationToken cancellationToken)
    {
        MirrorRefs mirrorRefs;
        try
        {
            mirrorRefs = await RefsOnceAsync(mirror, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException)
        {
            return MirrorBatch.None; // each component meets the failure itself
        }

        var mirrorTags = mirrorRefs.Tags;
        var queries = items
            .Select(item => (
                Tag: item.Source.TagFor(item.Component.Component, item.Component.Version),
                Path: item.Source.PathFor(item.Component.Component)))
            .Where(item => mirrorTags.ContainsKey(item.Tag) && item.Path.AsSpan().IndexOfAny('\n', '\r') < 0)
            .Select(item => new TreeQuery(mirrorTags[item.Tag], item.Path))
            .Distinct()
            .ToImmutableArray();
        var trees = await OrEmptyAsync(Cache.Git.TreesAsync(mirror, queries, cancellationToken)).ConfigureAwait(false);
        var unknown = new List<string>();
        foreach (var commit in queries.Select(query => query.Commit)
            .Distinct(StringComparer.Ordinal)
            .Where(commit => !onBranch.ContainsKey((mirror, commit))))
        {
            if (mirrorRefs.IsBranchHead(commit))
            {
                onBranch.TryAdd((mirror, commit), new Lazy<Task<bool>>(Task.FromResult(true)));
            }
            else
            {
                unknown.Add(commit);
            }
        }

        if (unknown.Count > 1)
        {
            foreach (var (commit, reachable) in await OrEmptyAsync(
                Cache.Git.OnBranchAsync(mirror, unknown, cancellationToken)).ConfigureAwait(false))
            {
                onBranch.TryAdd((mirror, commit), new Lazy<Task<bool>>(Task.FromResult(reachable)));
            }
        }

        return new MirrorBatch(trees);
    }

    /// <summary>A batch's answers, or none when git failed: each component then asks alone and meets the failure itself.</summary>
    private static async Task<ImmutableDictionary<TKey, TValue>> OrEmptyAsync<TKey, TValue>(Task<ImmutableDictionary<TKey, TValue>> read)
        where TKey : notnull
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (GitException)
        {
            return ImmutableDictionary<TKey, TValue>.Empty;
        }
    }

    private Task<MirrorRefs> RefsOnceAsync(string mirror, CancellationToken cancellationToken) =>
        refs.GetOrAdd(mirror, _ => new Lazy<Task<MirrorRefs>>(() => Cache.Git.RefsAndTagsAsync(mirror, cancellationToken))).Value;

    private async Task<ImmutableSortedDictionary<string, string>> TagsOnceAsync(string mirror, CancellationToken cancellationToken) =>
        (await RefsOnceAsync(mirror, cancellationToken).ConfigureAwait(false)).Tags;

    /// <param name="batch">What the mirror's batch read; null on the retry after a rebuild, which reads the rebuilt mirror itself.</param>
    private async Task<Outcome> ResolveAndExportAsync(
        FetchRequest request,
        BundleComponent component,
        ComponentSource source,
        Lazy<Task<MirrorBatch>>? batch,
        ConcurrentBag<Diagnostic> warnings,
        CancellationToken cancellationToken)
    {
        var repairAllowed = batch is not null;
        var git = Cache.Git;
        var mirror = Cache.MirrorPathOf(source);
        var tag = source.TagFor(component.Component, component.Version);
        var path = source.PathFor(component.Component);
        LockedComponent locked;
        string export;
        DateTimeOffset committed;
        var exportedNow = false;
        try
        {
            // The retry after a rebuild reads the rebuilt mirror itself: what the shared reads hold may come from the damaged one.
            var mirrorTags = repairAllowed
                ? await TagsOnceAsync(mirror, cancellationToken).ConfigureAwait(false)
                : await git.TagsAsync(mirror, cancellationToken).ConfigureAwait(false);
            if (!mirrorTags.TryGetValue(tag, out var commit))
            {
                var nearest = SourceChecks.NearestTags(source, component.Component, component.Version, mirrorTags.Keys);
                return new Outcome(null, [SourceChecks.MissingTag(
                    request.Bundle.Id, component, tag, source.Repository, nearest, request.PositionOf(component.Component))]);
            }

            var found = batch is null
                ? null
                : (await batch.Value.ConfigureAwait(false)).Trees.GetValueOrDefault(new TreeQuery(commit, path));
            var tree = found is not null ? found.Tree : await git.TreeAsync(mirror, commit, path, cancellationToken).ConfigureAwait(false);
            if (tree is null)
            {
                return new Outcome(
                    null,
                    [Diagnostic.Error(
                        DiagnosticCodes.Sources.ExtensionFolderMissing,
                        $"{component}: folder '{path}' does not exist at tag '{tag}' in {source.Repository}",
                        "check [components.extensions] path in versions.toml, or the extension's name")]);
            }

            locked = new LockedComponent(component.Component, component.Version, tag, commit, tree);
            var before = request.Lock.Find(request.Bundle.Id, component.Component);
            var named = request.PositionOf(component.Component);
            foreach (var check in new[]
            {
                SourceChecks.MovedTag(request.Bundle.Id, before, locked, request.UpdateLock, request.LockFileName, named),
                SourceChecks.ChangedTree(request.Bundle.Id, before, locked, request.UpdateLock, request.LockFileName, named),
            })
            {
                if (check is { IsError: true })
                {
                    return new Outcome(null, [check]);
                }

                if (check is not null)
                {
                    warnings.Add(check);
                }
            }

            var reachable = repairAllowed
                ? await onBranch.GetOrAdd(
                    (mirror, commit),
                    key => new Lazy<Task<bool>>(() => git.IsOnBranchAsync(
                        key.Mirror, key.Commit, cancellationToken))).Value.ConfigureAwait(false)
                : await git.IsOnBranchAsync(mirror, commit, cancellationToken).ConfigureAwait(false);
            if (!reachable)
            {
                warnings.Add(Diagnostic.Warning(
                    DiagnosticCodes.Sources.TagOnNoBranch,
                    $"{component}: commit {commit} of tag '{tag}' is on no branch of {source.Repository}",
                    "release tags should be on a branch (usually main); check that the tag was not made on a deleted or rewritten branch"));
            }

            export = Cache.ExportPathOf(locked);
            if (!Directory.Exists(export))
            {
                export = await Cache.ExportAsync(source, locked, cancellationToken).ConfigureAwait(false);
                exportedNow = true;
            }

            committed = found?.Committed ?? await git.CommitTimeAsync(mirror, commit, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException exception) when (repairAllowed)
        {
            try
            {
                // Several components of one repository may meet the damage: the mirror is rebuilt once for all of them.
                await rebuilds.GetOrAdd(mirror, _ => new Lazy<Task<MirrorUpdate>>(() =>
                {
                    log.Enqueue($"{source.Repository}: reading {tag} from the mirror "
                        + $"failed ({exception.ErrorTail}); rebuilding the mirror");
                    return Cache.RebuildMirrorAsync(source, cancellationToken);
                })).Value.ConfigureAwait(false);
            }
            catch (GitException again)
            {
                throw FetchFailed(source, Display(mirror), again);
            }

            return await ResolveAndExportAsync(request, component, source, batch: null, warnings, cancellationToken).ConfigureAwait(false);
        }
        catch (GitException exception)
        {
            return new Outcome(
                null,
                [Diagnostic.Error(
                    DiagnosticCodes.Sources.ReadFailed,
                    $"{component}: reading tag '{tag}' from {Display(mirror)} failed "
                        + $"even after rebuilding the mirror: {exception.ErrorTail}",
                    "check the repository itself (git fsck) and run again")]);
        }

        var (errors, manifest) = await CheckManifestAsync(request.Bundle, component, tag, export, cancellationToken).ConfigureAwait(false);
        var fetched = new FetchedComponent(locked, export, exportedNow, committed)
        {
            RuntimeDependencies = manifest?.RuntimeDependencies ?? FetchedComponent.NoDependencies,
            Requires = ComponentRequirements.OnCore(manifest?.CoreVersion),
        };
        return new Outcome(fetched, errors);
    }

    private async Task<(ImmutableArray<Diagnostic> Errors, ComponentManifest? Manifest)> CheckManifestAsync(
        BundleSpec bundle, BundleComponent component, string tag, string export, CancellationToken cancellationToken)
    {
        var name = ComponentManifest.FileFor(component.Component.Kind);
        var file = Path.Combine(export, name);
        var display = $"{component.Component.Id}@{tag}:{name}";
        if (!File.Exists(file))
        {
            return (
                [Diagnostic.Error(
                    DiagnosticCodes.Sources.BadManifest,
                    $"{component}: there is no {name} at tag '{tag}'",
                    $"every component declares its version and core range in {name}",
                    SourceLocation.InFile(display))],
                null);
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            var manifest = ComponentManifest.Read(TomlParser.Parse(bytes, display), display);
            return (SourceChecks.CheckManifest(bundle, component, manifest, tag, display), manifest);
        }
        catch (TomlException exception)
        {
            return ([exception.Diagnostic], null);
        }
        catch (UserErrorException exception)
        {
            return (exception.Diagnostics, null);
        }
    }

    private async Task<bool> IsHealthyAsync(string mirror, CancellationToken cancellationToken)
    {
        var result = await Cache.Git.RunAsync(
            mirror, ["fsck", "--connectivity-only", "--no-progress", "--no-dangling"], cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    private UserErrorException FetchFailed(ComponentSource source, string display, GitException exception) =>
        UserErrorException.Of(
            DiagnosticCodes.Sources.FetchFailed,
            $"fetching {source.Repository} into {display} failed: {exception.ErrorTail}",
            "the mirror is left as it was; check that the repository exists and can be reached, then run again");

    private string Display(string path)
    {
        var relative = Path.GetRelativePath(Cache.RepositoryRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    private sealed record Outcome(FetchedComponent? Component, ImmutableArray<Diagnostic> Errors);

    /// <summary>What one batch read of a mirror: the trees and commit times it found, by query.</summary>
    private sealed record MirrorBatch(ImmutableDictionary<TreeQuery, TreeLookup> Trees)
    {
        public static MirrorBatch None { get; } = new(ImmutableDictionary<TreeQuery, TreeLookup>.Empty);
    }
}
