using System.Collections.Immutable;

namespace Distribution.Core.Publishing;

/// <summary>Where things go in the registry (docs/formats.md, "The registry").</summary>
public static class RegistryLayout
{
    public const string IndexFile = "index.json";

    public const string LockFile = ".publish.lock";

    public const string ManifestName = "bundle.json";

    public const string SumsName = "SHA256SUMS";

    public const string NotesName = "RELEASE_NOTES.md";

    public static string Package(BundleArtifactRecord artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return $"packages/{artifact.Component}/{artifact.Version}/{artifact.Name}";
    }

    public static string BundleFile(string bundle, string name) => $"bundles/{bundle}/{name}";

    public static string Installer(string name) => $"installers/{name}";

    /// <summary>
    /// Every file a bundle publishes, in publish order: component archives (by name), the bundle's own files
    /// (bundle.json, SHA256SUMS, RELEASE_NOTES.md, the meta-package), then the installers (by name).
    /// </summary>
    /// <param name="bundle">The bundle's manifest.</param>
    /// <param name="bundleFiles">Digests of the bundle folder's files by name (all verified).</param>
    /// <param name="installers">Digests of the repository's installers by name.</param>
    public static ImmutableArray<RegistrySource> Sources(BundleDescriptor bundle, IReadOnlyDictionary<string, FileDigest> bundleFiles, IReadOnlyDictionary<string, FileDigest> installers)
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

        foreach (var (name, digest) in installers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            sources.Add(new RegistrySource(RegistrySourceKind.Installer, name, Installer(name), digest));
        }

        return sources.ToImmutable();
    }

    /// <summary>The files of <c>bundles/BUNDLE/</c>: bundle.json, SHA256SUMS, RELEASE_NOTES.md and the meta-package.</summary>
    public static ImmutableArray<string> BundleFileNames(BundleDescriptor bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return [ManifestName, SumsName, NotesName, bundle.MetaPackageName];
    }
}
