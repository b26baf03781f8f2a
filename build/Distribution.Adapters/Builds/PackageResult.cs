using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>A finished archive: where it is, its size and SHA-256, and whether it came from the build cache.</summary>
public sealed record PackageResult(PackageJob Job, string Path, long Size, string Sha256, bool FromCache)
{
    public ArtifactRecord ToArtifact() => new(Job.Component.Component, Job.Component.Version, Job.Target.Name, Job.ArchiveName, Size, Sha256);
}
