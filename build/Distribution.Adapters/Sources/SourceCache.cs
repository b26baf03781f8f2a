using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Distribution.Adapters.Git;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>
/// The source cache under <c>.cache/</c>: a bare mirror per repository (<c>mirrors/NAME.git</c>, created once,
/// then updated by an incremental fetch of branches and tags), and the tree of each locked commit exported once
/// into <c>sources/COMPONENT/COMMIT/</c> (no .git; for an extension only its folder). Exports are written into a
/// temporary folder and renamed into place, so a folder that exists is complete.
/// </summary>
public sealed class SourceCache
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public SourceCache(string repositoryRoot, string cacheFolder, SampleRepositories samples, GitCli git)
    {
        RepositoryRoot = repositoryRoot;
        CacheFolder = cacheFolder;
        Samples = samples;
        Git = git;
    }

    public string RepositoryRoot { get; }

    public string CacheFolder { get; }

    public SampleRepositories Samples { get; }

    public GitCli Git { get; }

    public string MirrorsFolder => Path.Combine(CacheFolder, "mirrors");

    public string SourcesFolder => Path.Combine(CacheFolder, "sources");

    /// <summary>
    /// The cache of a repository checkout: <c>.cache/</c> under <paramref name="repositoryRoot"/> (or the folder
    /// <c>PROVISIONING_DIST_CACHE</c> names), samples from <c>samples/</c>.
    /// </summary>
    public static SourceCache For(string repositoryRoot, GitCli? git = null) => In(repositoryRoot, FolderFor(repositoryRoot), git);

    /// <summary>The cache of a repository checkout kept in <paramref name="cache"/> (the benchmark gives each series its own).</summary>
    public static SourceCache In(string repositoryRoot, string cache, GitCli? git = null)
    {
        git ??= GitCli.Default;
        return new SourceCache(
            repositoryRoot,
            cache,
            new SampleRepositories(Path.Combine(repositoryRoot, "samples"), Path.Combine(cache, "samples"), git),
            git);
    }

    /// <summary>
    /// The cache folder of a repository checkout: <c>PROVISIONING_DIST_CACHE</c>
    /// when set, else <c>.cache/</c> under <paramref name="repositoryRoot"/>.
    /// </summary>
    public static string FolderFor(string repositoryRoot) =>
        Environment.GetEnvironmentVariable("PROVISIONING_DIST_CACHE") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.Combine(repositoryRoot, ".cache");

    /// <summary>
    /// The mirror's folder: <c>.cache/mirrors/NAME.git</c> for <c>sample:NAME</c> (sample names are unique), and
    /// <c>.cache/mirrors/LAST-HASH.git</c> for any other repository: LAST the URL's last part without <c>.git</c>,
    /// HASH the first 8 hex digits of the SHA-256 of the repository as written, so <c>a/core.git</c> and
    /// <c>b/core.git</c> get a mirror each.
    /// </summary>
    public string MirrorPathOf(ComponentSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        // A sample's mirror keeps its plain name; any other sample name (empty, '..', with a separator) is named as a
        // URL is, so that no repository's mirror lies outside the mirrors folder or is the folder's own ".git".
        var sample = source.IsSample ? source.Repository[ComponentSource.SampleScheme.Length..] : string.Empty;
        if (sample.Length > 0 && sample.Trim('.').Length > 0 && sample.IndexOfAny(['/', '\\', ':']) < 0)
        {
            return Path.Combine(MirrorsFolder, sample + ".git");
        }

        var repository = source.Repository.TrimEnd('/', '\\');
        var name = repository.Split('/', '\\', ':').Last();
        if (name.EndsWith(".git", StringComparison.Ordinal))
        {
            name = name[..^4];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..8];
        return Path.Combine(MirrorsFolder, $"{(name.Length == 0 ? "repository" : name)}-{hash}.git");
    }

    /// <summary>The export folder of <paramref name="locked"/>: <c>.cache/sources/COMPONENT/COMMIT</c>.</summary>
    public string ExportPathOf(LockedComponent locked)
    {
        ArgumentNullException.ThrowIfNull(locked);
        return Path.Combine(SourcesFolder, locked.Component.Id, locked.Commit);
    }

    /// <summary>What git fetches from: a generated sample's path, a local path made absolute, or the URL as given.</summary>
    public async Task<string> RemoteOfAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsSample)
        {
            return await Samples.EnsureAsync(
                source.Repository[ComponentSource.SampleScheme.Length..], cancellationToken).ConfigureAwait(false);
        }

        return IsUrl(source.Repository) ? source.Repository : Path.GetFullPath(Path.Combine(RepositoryRoot, source.Repository));
    }

    /// <summary>
    /// The mirror of the source's repository, created when missing (not updated: <see cref="UpdateMirrorAsync"/> does that).
    /// </summary>
    public async Task<string> MirrorAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        var mirror = MirrorPathOf(source);
        if (Directory.Exists(mirror))
        {
            return mirror;
        }

        return (await UpdateMirrorAsync(source, cancellationToken).ConfigureAwait(false)).Mirror;
    }

    /// <summary>
    /// Creates the mirror, or fetches what changed (branches and tags, pruning deleted ones, following moved tags): the
    /// origin's branches and tags are listed first (<c>git ls-remote</c>) and the fetch is made only when they differ from
    /// the mirror's.
    /// </summary>
    public async Task<MirrorUpdate> UpdateMirrorAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        var gate = Gate(source);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await UpdateMirrorUnlockedAsync(source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes the mirror and creates it again: the repair for a damaged one.</summary>
    public async Task<MirrorUpdate> RebuildMirrorAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        var gate = Gate(source);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mirror = MirrorPathOf(source);
            if (Directory.Exists(mirror))
            {
                var trash = mirror + $".damaged.{Guid.NewGuid():N}";
                Directory.Move(mirror, trash);
                Directory.Delete(trash, recursive: true);
            }

            return await UpdateMirrorUnlockedAsync(source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The exported tree of <paramref name="locked"/> (its folder for a monorepo part), exported from the mirror when
    /// not in the cache yet. Checks that the mirror's tree is the locked one, so a cache never serves another tree.
    /// </summary>
    public async Task<string> ExportAsync(ComponentSource source, LockedComponent locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(locked);
        var destination = ExportPathOf(locked);
        if (Directory.Exists(destination))
        {
            return destination;
        }

        var mirror = await MirrorAsync(source, cancellationToken).ConfigureAwait(false);
        var path = source.PathFor(locked.Component);
        var tree = await Git.TreeAsync(mirror, locked.Commit, path, cancellationToken).ConfigureAwait(false);
        if (tree != locked.Tree)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Sources.TreeMismatch,
                $"{locked.Component.Id}: commit {locked.Commit} has tree {tree ?? "(no folder '" + path + "')"} "
                    + $"in {MirrorPathOf(source)}, but the lock says {locked.Tree}",
                "the lock or the mirror is wrong: run ./build.sh --target=Fetch --update-lock after checking the repository");
        }

        var parent = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{locked.Commit}.{Guid.NewGuid():N}.tmp");
        try
        {
            await Git.StreamAsync(
                mirror,
                ["archive", "--format=tar", locked.Tree],
                (stream, token) => TreeExtractor.ExtractAsync(stream, temporary, token),
                cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(temporary, destination);
            }
            catch (IOException) when (Directory.Exists(destination))
            {
                // Exported by another process meanwhile: the same commit gives the same tree.
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        return destination;
    }

    private SemaphoreSlim Gate(ComponentSource source) => locks.GetOrAdd(MirrorPathOf(source), _ => new SemaphoreSlim(1, 1));

    private async Task<MirrorUpdate> UpdateMirrorUnlockedAsync(ComponentSource source, CancellationToken cancellationToken)
    {
        var mirror = MirrorPathOf(source);
        var remote = await RemoteOfAsync(source, cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(mirror))
        {
            await CreateMirrorAsync(remote, mirror, cancellationToken).ConfigureAwait(false);
            var created = await Git.RefsAndTagsAsync(mirror, cancellationToken).ConfigureAwait(false);
            return new MirrorUpdate(source.Repository, mirror, Created: true, [], created);
        }

        // Ask the origin what it has (ls-remote: refs only, no pack) while reading the mirror's refs; when its branches and
        // tags are exactly the mirror's, a fetch would change nothing, so none is made.
        var origin = Git.RemoteRefsAsync(mirror, remote, cancellationToken);
        var current = Git.RefsAndTagsAsync(mirror, cancellationToken);
        await Task.WhenAll(origin, current).ConfigureAwait(false);
        var before = await current.ConfigureAwait(false);
        if (GitRefs.SameBranchesAndTags(before.Refs, await origin.ConfigureAwait(false)))
        {
            return new MirrorUpdate(source.Repository, mirror, Created: false, [], before);
        }

        await Git.RunCheckedAsync(mirror, ["config", "remote.origin.url", remote], cancellationToken).ConfigureAwait(false);
        await FetchAsync(mirror, cancellationToken).ConfigureAwait(false);
        var after = await Git.RefsAndTagsAsync(mirror, cancellationToken).ConfigureAwait(false);
        return new MirrorUpdate(source.Repository, mirror, Created: false, GitRefs.Changes(before.Refs, after.Refs), after);
    }

    private async Task CreateMirrorAsync(string remote, string mirror, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(mirror)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(mirror)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await Git.RunCheckedAsync(null, ["init", "--quiet", "--bare", temporary], cancellationToken).ConfigureAwait(false);
            await Git.RunCheckedAsync(temporary, ["config", "remote.origin.url", remote], cancellationToken).ConfigureAwait(false);
            await Git.RunCheckedAsync(
                temporary, ["config", "remote.origin.fetch", "+refs/heads/*:refs/heads/*"], cancellationToken).ConfigureAwait(false);
            await Git.RunCheckedAsync(
                temporary, ["config", "--add", "remote.origin.fetch", "+refs/tags/*:refs/tags/*"], cancellationToken).ConfigureAwait(false);
            await FetchAsync(temporary, cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(temporary, mirror);
            }
            catch (IOException) when (Directory.Exists(mirror))
            {
                // Another process created it meanwhile; theirs is as good, and the next update fetches anything newer.
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private Task<string> FetchAsync(string mirror, CancellationToken cancellationToken) =>
        Git.RunCheckedAsync(mirror, ["fetch", "--quiet", "--prune", "--no-tags", "--no-write-fetch-head", "origin"], cancellationToken);

    private static bool IsUrl(string repository) =>
        repository.Contains("://", StringComparison.Ordinal)
        || (repository.Contains('@', StringComparison.Ordinal)
            && repository.Contains(':', StringComparison.Ordinal)
            && !Path.IsPathRooted(repository));
}
