namespace Distribution.Core.Contract;

/// <summary>
/// The names of the files the phases hand over (docs/formats.md), written once: a bundle folder holds
/// <see cref="Manifest"/>, <see cref="Sums"/>, <see cref="Notes"/>, the meta-package and the component archives; a
/// CI shard holds <see cref="Shard"/>, <see cref="Notes"/> and its archives; a registry has <see cref="RegistryIndex"/>.
/// </summary>
public static class BundleFiles
{
    /// <summary>The bundle's manifest (<see cref="BundleManifest"/>).</summary>
    public const string Manifest = "bundle.json";

    /// <summary>A CI shard's manifest: bundle.json's format, listing only that shard's archives.</summary>
    public const string Shard = "shard.json";

    /// <summary>The checksums of every other file of a bundle folder (<see cref="Sha256Sums"/>).</summary>
    public const string Sums = "SHA256SUMS";

    /// <summary>The bundle's release notes.</summary>
    public const string Notes = "RELEASE_NOTES.md";

    /// <summary>The registry's index (<see cref="RegistryIndexJson"/>).</summary>
    public const string RegistryIndex = "index.json";

    /// <summary>How every archive of ours starts (component archives and the meta-package).</summary>
    public const string ArchivePrefix = "provisioning-";

    /// <summary>How every archive of ours ends.</summary>
    public const string ArchiveExtension = ".tar.gz";

    /// <summary>
    /// The meta-package of a bundle: <c>provisioning-bundle-BUNDLE.tar.gz</c> (bundle.json, the notes and the installers).
    /// </summary>
    public static string MetaPackage(string bundleId) => $"{ArchivePrefix}bundle-{bundleId}{ArchiveExtension}";

    /// <summary>Whether a file name is one of our archives (<c>provisioning-*.tar.gz</c>).</summary>
    public static bool IsArchive(string name) =>
        name is not null
            && name.StartsWith(ArchivePrefix, StringComparison.Ordinal)
            && name.EndsWith(ArchiveExtension, StringComparison.Ordinal);
}
