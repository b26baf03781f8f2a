namespace Distribution.Core.Publishing;

/// <summary>Where a file published into the registry comes from, and so where it goes.</summary>
public enum RegistrySourceKind
{
    /// <summary>A component archive of the bundle folder → <c>packages/COMPONENT/VERSION/</c> (immutable).</summary>
    Package,

    /// <summary>bundle.json, SHA256SUMS, RELEASE_NOTES.md, the meta-package → <c>bundles/BUNDLE/</c> (immutable).</summary>
    BundleFile,

    /// <summary>
    /// One of the repository's <c>installers/*</c> → <c>installers/SHA256/NAME</c>: content-addressed, so immutable and
    /// listed in the index like every other file.
    /// </summary>
    Installer,

    /// <summary>
    /// The convenience copy of an installer at <c>installers/NAME</c> (the URL users curl): replaced when the
    /// installer changed, written only after index.json, and not listed in the index.
    /// </summary>
    InstallerAlias,
}
