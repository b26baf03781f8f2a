using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>Where things go in the registry (docs/formats.md, "The registry").</summary>
public static class RegistryLayout
{
    public const string LockFile = ".publish.lock";

    /// <summary>The detached signature beside a signed file: <c>PATH.sig</c> (DER ECDSA P-256 over SHA-256).</summary>
    public static string Signature(string path) => path + ".sig";

    /// <summary>The public key the registry is signed with now (SPKI PEM; for reading, never a reason to trust).</summary>
    public const string PublicKey = "keys/registry.pub.pem";

    /// <summary>The list of key rotations, one file name of <c>keys/</c> a line, oldest first.</summary>
    public const string Rotations = "keys/rotations";

    /// <summary>The <paramref name="number"/>th rotation statement: the new public key, signed by the key before it.</summary>
    public static string Rotation(int number) => $"keys/rotation-{number}.pub.pem";

    public static string Package(ArtifactRecord artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return $"packages/{artifact.Component.Id}/{artifact.Version.ToNormalizedString()}/{artifact.Name}";
    }

    public static string BundleFile(string bundle, string name) => $"bundles/{bundle}/{name}";

    /// <summary>The content-addressed copy of an installer: <c>installers/SHA256/NAME</c> (immutable; listed in the index).</summary>
    public static string Installer(string name, FileDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return $"installers/{digest.Sha256}/{name}";
    }

    /// <summary>
    /// The convenience copy of an installer: <c>installers/NAME</c>, the URL users curl (replaced after the index; not listed in it).
    /// </summary>
    public static string InstallerAlias(string name) => $"installers/{name}";

    /// <summary>Whether a registry path is a convenience copy (<c>installers/NAME</c>), which the index does not list.</summary>
    public static bool IsInstallerAlias(string path) =>
        path is not null && path.StartsWith("installers/", StringComparison.Ordinal) && path.IndexOf('/', "installers/".Length) < 0;

    /// <summary>
    /// Every file a bundle publishes, in publish order: component archives (by name), the bundle's own files
    /// (bundle.json, SHA256SUMS, RELEASE_NOTES.md, bundle.cdx.json, the meta-package), the installers' content-addressed copies (by
    /// name), then — after index.json — their convenience copies at <c>installers/NAME</c> (by name).
    /// </summary>
    /// <param name="bundle">The bundle's manifest.</param>
    /// <param name="bundleFiles">Digests of the bundle folder's files by name (all verified).</param>
    /// <param name="installers">Digests of the repository's installers by name.</param>
    public static ImmutableArray<RegistrySource> Sources(
        BundleManifest bundle, IReadOnlyDictionary<string, FileDigest> bundleFiles, IReadOnlyDictionary<string, FileDigest> installers)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(bundleFiles);
        ArgumentNullException.ThrowIfNull(installers);
        var sources = ImmutableArray.CreateBuilder<RegistrySource>();
        foreach (var artifact in bundle.Artifacts.OrderBy(artifact => artifact.Name, StringComparer.Ordinal))
        {
            sources.Add(new RegistrySource(RegistrySourceKind.Package, artifact.Name, Package(artifact), artifact.Digest));
        }

        foreach (var name in BundleFileNames(bundle))
        {
            sources.Add(new RegistrySource(RegistrySourceKind.BundleFile, name, BundleFile(bundle.Id, name), bundleFiles[name]));
        }

        var ordered = installers.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        foreach (var (name, digest) in ordered)
        {
            sources.Add(new RegistrySource(RegistrySourceKind.Installer, name, Installer(name, digest), digest));
        }

        foreach (var (name, digest) in ordered)
        {
            sources.Add(new RegistrySource(RegistrySourceKind.InstallerAlias, name, InstallerAlias(name), digest));
        }

        return sources.ToImmutable();
    }

    /// <summary>
    /// The files of <c>bundles/BUNDLE/</c>: bundle.json, SHA256SUMS, RELEASE_NOTES.md, the SBOM and the meta-package.
    /// </summary>
    public static ImmutableArray<string> BundleFileNames(BundleManifest bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return [BundleFiles.Manifest, BundleFiles.Sums, BundleFiles.Notes, BundleSbom.FileName, bundle.MetaPackageName];
    }
}
