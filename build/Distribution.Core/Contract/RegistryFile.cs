using Distribution.Core.Model;

namespace Distribution.Core.Contract;

/// <summary>One file of the registry (relative path with <c>/</c>), with its size and digest.</summary>
public sealed record RegistryFile(string Path, long Size, string Sha256)
{
    public FileDigest Digest => new(Size, Sha256);
}
