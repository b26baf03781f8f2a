using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>One element of bundle.json's <c>artifacts</c>: a component archive with its size and digest.</summary>
public sealed record BundleArtifactRecord(string Component, string Version, string Target, string Name, long Size, string Sha256)
{
    public FileDigest Digest => new(Size, Sha256);
}
