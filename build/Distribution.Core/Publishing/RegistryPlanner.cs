using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>
/// Decides a registry publish from the current index, the files to publish and what is on disk already. Same
/// bytes again are a no-op (same serial); different bytes under an immutable name are a conflict (PUB010).
/// Only the installers' convenience copies (<c>installers/NAME</c>) are ever replaced; the index never lists them,
/// so replacing them after the index is written never makes any index wrong.
/// </summary>
public static class RegistryPlanner
{
    public const string ConflictCode = DiagnosticCodes.Publishing.RegistryConflict;

    /// <param name="current">The registry's index now (<see cref="RegistryIndex.Empty"/> for a new registry).</param>
    /// <param name="bundle">The bundle being published.</param>
    /// <param name="sources">The files to publish, from <see cref="RegistryLayout.Sources"/>.</param>
    /// <param name="onDisk">The digest of every destination that exists on disk already, by registry path.</param>
    public static RegistryPlan Plan(
        RegistryIndex current, BundleManifest bundle, IReadOnlyList<RegistrySource> sources, IReadOnlyDictionary<string, FileDigest> onDisk)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(onDisk);
        var steps = ImmutableArray.CreateBuilder<RegistryStep>();
        var conflicts = ImmutableArray.CreateBuilder<Diagnostic>();
        // The index lists every file of every bundle ever published: looked up by path, not scanned once per source.
        var indexedFiles = current.FilesByPath();
        foreach (var source in sources)
        {
            var existing = onDisk.GetValueOrDefault(source.Destination);
            var indexed = indexedFiles.GetValueOrDefault(source.Destination)?.Digest;
            if (source.Immutable)
            {
                var published = existing is not null && existing != source.Digest
                    ? existing
                    : indexed is not null && indexed != source.Digest ? indexed : null;
                if (published is not null)
                {
                    conflicts.Add(Diagnostic.Error(
                        ConflictCode,
                        $"'{source.Destination}' is already published with other bytes: the registry has sha256 {published.Sha256} "
                            + $"({published.Size} bytes), the bundle has sha256 {source.Digest.Sha256} ({source.Digest.Size} bytes)",
                        "published files never change: give the bundle a new version (or id) instead of rebuilding it with other contents",
                        SourceLocation.InFile(source.Name)));
                    continue;
                }
            }

            var action = existing == source.Digest ? RegistryAction.Keep : existing is null ? RegistryAction.Copy : RegistryAction.Replace;
            steps.Add(new RegistryStep(source, action, existing));
        }

        var merged = Merge(current, bundle, sources);
        var next = Same(merged, current) ? current : merged with { Serial = current.Serial + 1, Expires = current.Expires };
        return new RegistryPlan(steps.ToImmutable(), current, next, conflicts.ToImmutable());
    }

    /// <summary>The index with the bundle's files, bundle entry and component versions added, and channels recomputed.</summary>
    public static RegistryIndex Merge(RegistryIndex current, BundleManifest bundle, IEnumerable<RegistrySource> sources)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(bundle);
        var list = sources.Where(source => source.Indexed).ToList();
        // Convenience copies are never indexed; an index of the earlier layout listed them (installers/NAME), and
        // they are about to be replaced after the index is written, so the index drops them.
        var files = current.Files.Where(file => !RegistryLayout.IsInstallerAlias(file.Path)).ToDictionary(
            file => file.Path, StringComparer.Ordinal);
        foreach (var source in list)
        {
            files[source.Destination] = new RegistryFile(source.Destination, source.Digest.Size, source.Digest.Sha256);
        }

        var manifestPath = RegistryLayout.BundleFile(bundle.Id, BundleFiles.Manifest);
        var manifest = files.TryGetValue(manifestPath, out var manifestFile)
            ? manifestFile
            : throw new ArgumentException("the sources hold no bundle.json", nameof(sources));
        var bundles = current.Bundles.Where(item => item.Id != bundle.Id)
            .Append(new RegistryBundle(bundle.Id, bundle.Kind, bundle.ReleaseDate, manifestPath, manifest.Size, manifest.Sha256))
            .ToList();

        var components = current.Components.ToDictionary(component => (component.Id, component.Version));
        static (string Component, string Version) KeyOf(ManifestComponent component) =>
            (component.Component.Id, component.Version.ToNormalizedString());
        var requirements = bundle.Components.DistinctBy(KeyOf).ToDictionary(KeyOf, component => component.Requires);

        foreach (var group in bundle.Artifacts.GroupBy(artifact => (
            Component: artifact.Component.Id, Version: artifact.Version.ToNormalizedString())))
        {
            var paths = group.Select(RegistryLayout.Package);
            if (components.TryGetValue(group.Key, out var known))
            {
                paths = paths.Concat(known.Files);
            }

            var requires = requirements.GetValueOrDefault(group.Key)
                ?? known?.Requires
                ?? ComponentRequirements.None;
            components[group.Key] = new RegistryComponent(
                group.Key.Component,
                group.Key.Version,
                [.. paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])
            {
                Requires = requires,
            };
        }

        var channels = current.Channels.WithComparers(StringComparer.Ordinal);
        foreach (var (channel, kind) in BundleChannels.All)
        {
            var newest = Newest(bundles, kind);
            channels = newest is null ? channels.Remove(channel) : channels.SetItem(channel, newest.Id);
        }

        return new RegistryIndex(
            current.Serial,
            channels,
            [.. RegistryIndexJson.SortBundles(bundles)],
            [.. RegistryIndexJson.SortComponents(components.Values)],
            [.. RegistryIndexJson.SortFiles(files.Values)]);
    }

    /// <summary>The bundle a channel points at: the newest of its kind by release date (then by id).</summary>
    public static RegistryBundle? Newest(IEnumerable<RegistryBundle> bundles, BundleKind kind) =>
        BundleChannels.Newest(bundles, kind, bundle => bundle.Id, bundle => bundle.Kind, bundle => bundle.ReleaseDate);

    private static bool Same(RegistryIndex left, RegistryIndex right) =>
        RegistryIndexJson.Render(left with { Serial = 0, Expires = null })
        == RegistryIndexJson.Render(right with { Serial = 0, Expires = null });
}
