using Distribution.Adapters.Files;
using Distribution.Adapters.Git;

namespace Distribution.Pipeline;

/// <summary>
/// What every phase gets: where the repository is, and the one interface it reports progress and problems through.
/// <see cref="Cache"/> overrides the cache folder (default: <c>PROVISIONING_DIST_CACHE</c>, else <c>.cache/</c>).
/// </summary>
public sealed record PhaseContext(RepositoryPaths Paths, IReporter Reporter)
{
    public string? Cache { get; init; }

    /// <summary>The cache folder the phases use.</summary>
    public string CacheFolder => Cache ?? Adapters.Sources.SourceCache.FolderFor(Paths.Root);

    /// <summary>The source cache (mirrors, exported trees, samples) in <see cref="CacheFolder"/>.</summary>
    public Adapters.Sources.SourceCache SourceCache(GitCli? git = null) => Adapters.Sources.SourceCache.In(Paths.Root, CacheFolder, git);
}
