using System.Collections.Immutable;
using Distribution.Core.Benchmarks;
using Distribution.Core.Contract;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// A finished archive: where it is, its size and SHA-256, whether it came from the build cache, and the build and compression work it took.
/// </summary>
public sealed record PackageResult(PackageJob Job, string Path, long Size, string Sha256, bool FromCache)
{
    public ImmutableArray<WorkInterval> Work { get; init; } = [];

    public JobTiming ToTiming() => new(Job.ArchiveName, FromCache, Work);

    public ArtifactRecord ToArtifact()
        => new(Job.Component.Component, Job.Component.Version, Job.Target.Name, Job.ArchiveName, Size, Sha256);
}
