using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>One file to publish: its kind, its name in the source folder, its registry path and its digest.</summary>
public sealed record RegistrySource(RegistrySourceKind Kind, string Name, string Destination, FileDigest Digest)
{
    /// <summary>Whether other bytes may never replace it (everything but the installers' convenience copies).</summary>
    public bool Immutable => Kind != RegistrySourceKind.InstallerAlias;

    /// <summary>Whether index.json lists it (everything but the convenience copies, which are written after the index).</summary>
    public bool Indexed => Kind != RegistrySourceKind.InstallerAlias;
}
