namespace Distribution.Core.Publishing;

/// <summary>One file to publish: its kind, its name in the source folder, its registry path and its digest.</summary>
public sealed record RegistrySource(RegistrySourceKind Kind, string Name, string Destination, FileDigest Digest)
{
    public bool Immutable => Kind != RegistrySourceKind.Installer;
}
