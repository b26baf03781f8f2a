using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Packaging;

/// <summary>One archive of a bundle as bundle.json lists it: component, version, target, file name, size and SHA-256 (lower-case hex).</summary>
public sealed record ArtifactRecord(Model.ComponentId Component, NuGetVersion Version, string Target, string Name, long Size, string Sha256)
{
    public FileDigest Digest => new(Size, Sha256);
}
