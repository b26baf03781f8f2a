using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Distribution.Adapters.Archives;
using Distribution.Adapters.Files;
using Distribution.Core.Benchmarks;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// Turns shards into a bundle folder (docs/formats.md "artifacts/bundles/BUNDLE/"). A shard is a folder with
/// archives, <c>shard.json</c> (bundle.json's format, listing that shard's archives) and <c>RELEASE_NOTES.md</c>.
/// One machine doing everything is one shard, so CI shards and a single run give the same bytes. Shards must agree
/// on the bundle, its components, the notes and every archive they share (noarch archives are made by every shard).
/// </summary>
public static class BundleAssembler
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Writes a shard's manifest and notes beside its archives.</summary>
    public static async Task WriteShardAsync(
        string folder, BundleManifest manifest, string releaseNotes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, BundleFiles.Notes), releaseNotes, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllTextAsync(
            Path.Combine(folder, BundleFiles.Shard), manifest.Render(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and cross-checks the shards, hashing every archive; every disagreement is a diagnostic, all reported at once.
    /// </summary>
    public static async Task<AssemblyPlan> PlanAsync(
        IReadOnlyList<string> shards, Func<string, string> display, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(display);
        if (shards.Count == 0)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Packaging.NotAShard,
                "no shard folders were given",
                "pass --artifacts-from=DIR[,DIR…], each made by create-bundle --shard-out=DIR");
        }

        var problems = new List<Diagnostic>();
        BundleManifest? first = null;
        string? firstShard = null;
        string? notes = null;
        var artifacts = new Dictionary<string, (ArtifactRecord Record, string Shard)>(StringComparer.Ordinal);
        var sources = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var missing = new Dictionary<string, PlannedArchive>(StringComparer.Ordinal);
        var planned = (Names: (string?)null, Shard: (string?)null);
        var overlaps = new HashSet<(string, string)>();
        foreach (var twice in shards.GroupBy(Path.GetFullPath, PathComparer).Where(group => group.Count() > 1))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BundleIncomplete,
                $"shard '{display(twice.Key)}' is given {twice.Count()} times",
                "name each shard once in --artifacts-from, one per target",
                SourceLocation.InFile(display(twice.Key))));
        }

        foreach (var shard in shards.Distinct(PathComparer))
        {
            var manifestPath = Path.Combine(shard, BundleFiles.Shard);
            if (!File.Exists(manifestPath))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.NotAShard,
                    $"'{display(shard)}' is not a shard: it has no {BundleFiles.Shard}",
                    "make it with ./build.sh --target=CreateBundle --targets=… --shard-out=DIR",
                    SourceLocation.InFile(display(shard))));
                continue;
            }

            BundleManifest manifest;
            try
            {
                manifest = BundleManifest.Read(
                    await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false),
                    display(manifestPath),
                    DiagnosticCodes.Packaging.NotAShard);
            }
            catch (UserErrorException exception)
            {
                problems.AddRange(exception.Diagnostics);
                continue;
            }

            var shardNotes = File.Exists(Path.Combine(shard, BundleFiles.Notes))
                ? await File.ReadAllTextAsync(Path.Combine(shard, BundleFiles.Notes), cancellationToken).ConfigureAwait(false)
                : string.Empty;
            if (first is null)
            {
                first = manifest;
                firstShard = shard;
                notes = shardNotes;
            }
            else
            {
                if (first.WithArtifacts([]).WithMissing([]).Render() != manifest.WithArtifacts([]).WithMissing([]).Render())
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.ShardsDiffer,
                        $"shards '{display(firstShard!)}' and '{display(shard)}' are of different "
                            + $"bundles or component commits ({first.Bundle.Id} vs {manifest.Bundle.Id})",
                        "make every shard from the same commit of this repository and the same lock file",
                        SourceLocation.InFile(display(manifestPath))));
                    continue;
                }

                if (notes != shardNotes)
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.ShardNotesDiffer,
                        $"shards '{display(firstShard!)}' and '{display(shard)}' have different release notes",
                        "make every shard from the same sources",
                        SourceLocation.InFile(display(Path.Combine(shard, BundleFiles.Notes)))));
                }
            }

            // Every shard plans the same archives (what it holds and what it lists as missing): the recipes' every target.
            var names = string.Join(' ', manifest.Artifacts.Select(artifact => artifact.Name)
                .Concat(manifest.Missing.Select(archive => archive.Name)).Order(StringComparer.Ordinal));
            // (A shard of every target, or one written before shards listed what they leave to others, has no missing list.)
            if (manifest.IsPartial && planned.Names is null)
            {
                planned = (names, shard);
            }
            else if (manifest.IsPartial && planned.Names != names)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.ShardsDiffer,
                    $"shards '{display(planned.Shard!)}' and '{display(shard)}' plan different archives (their recipes differ)",
                    "make every shard from the same commit with the same --recipes",
                    SourceLocation.InFile(display(manifestPath))));
            }

            foreach (var archive in manifest.Missing)
            {
                missing.TryAdd(archive.Name, archive);
            }

            foreach (var artifact in manifest.Artifacts)
            {
                var file = Path.Combine(shard, artifact.Name);
                if (!File.Exists(file))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.ShardArchiveBroken,
                        $"{artifact.Name} is listed in the shard but missing",
                        "copy the whole shard folder",
                        SourceLocation.InFile(display(shard))));
                    continue;
                }

                var (size, hash) = await FileHasher.HashFileAsync(file, cancellationToken).ConfigureAwait(false);
                if (size != artifact.Size || hash != artifact.Sha256)
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.ShardArchiveBroken,
                        $"{artifact.Name} does not match its shard manifest (size {size}, sha256 "
                            + $"{hash}; listed: size {artifact.Size}, sha256 {artifact.Sha256})",
                        "the file was changed or damaged in transfer: make the shard again",
                        SourceLocation.InFile(display(file))));
                    continue;
                }

                if (artifacts.TryGetValue(artifact.Name, out var seen))
                {
                    if (artifact.Target != ArtifactRecord.NoArch && overlaps.Add((seen.Shard, shard)))
                    {
                        problems.Add(Diagnostic.Error(
                            DiagnosticCodes.Packaging.BundleIncomplete,
                            $"shards '{display(seen.Shard)}' and '{display(shard)}' both hold the {artifact.Target} archives "
                                + $"({artifact.Name}): one target's shard is given twice",
                            "pass one shard per target in --artifacts-from",
                            SourceLocation.InFile(display(manifestPath))));
                    }

                    if (seen.Record != artifact)
                    {
                        problems.Add(Diagnostic.Error(
                            DiagnosticCodes.Packaging.ShardArchivesDiffer,
                            $"shards disagree on {artifact.Name}: '{display(seen.Shard)}' has sha256 "
                                + $"{seen.Record.Sha256}, '{display(shard)}' has {artifact.Sha256}",
                            "a build is not reproducible, or the shards came from different sources: make them again from the same commit",
                            SourceLocation.InFile(display(file))));
                    }

                    continue;
                }

                artifacts[artifact.Name] = (artifact, shard);
                sources[artifact.Name] = file;
            }
        }

        if (problems.Count > 0 || first is null)
        {
            throw new UserErrorException(problems);
        }

        return new AssemblyPlan(
            first.WithArtifacts(artifacts.Values.Select(item => item.Record))
                .WithMissing(missing.Values.Where(archive => !artifacts.ContainsKey(archive.Name))),
            notes!,
            sources.ToImmutable());
    }

    /// <summary>
    /// Writes the bundle folder: archives, bundle.json, RELEASE_NOTES.md, bundle.cdx.json (the SBOM), the meta-package
    /// (bundle.json, notes, SBOM and every file of <paramref name="installersFolder"/>), then SHA256SUMS last. Stale
    /// archives of earlier runs go. The meta-package is cached under <paramref name="cacheRoot"/> by the hash of
    /// everything in it, so a run with nothing changed compresses nothing.
    /// </summary>
    /// <param name="modified">The meta-package's timestamp (SOURCE_DATE_EPOCH, else the bundle's release date).</param>
    public static async Task<AssemblyResult> AssembleAsync(
        AssemblyPlan plan,
        string output,
        string installersFolder,
        DateTimeOffset modified,
        string cacheRoot,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Every file's place is checked before the folder is made: a name that would leave it writes nothing.
        var destinations = plan.Manifest.Artifacts.ToDictionary(
            artifact => artifact.Name, artifact => ContainedPath.Under(output, artifact.Name, "archive"), StringComparer.Ordinal);
        _ = ContainedPath.Under(output, plan.MetaPackageName, "meta-package");
        Directory.CreateDirectory(output);

        // Each placement links (or copies) one archive and hashes it: independent of the others, so one per core.
        var placing = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.Manifest.Artifacts, placing, async (artifact, token) =>
        {
            var source = plan.Archives[artifact.Name];
            var destination = destinations[artifact.Name];
            if (Path.GetFullPath(destination) != Path.GetFullPath(source))
            {
                try
                {
                    await FilePlacement.PlaceAsync(source, artifact.Digest, destination, token).ConfigureAwait(false);
                }
                catch (PlacedFileMismatchException exception)
                {
                    throw new UserErrorException(CacheEntry.Mismatch(exception, artifact.Name));
                }
            }
        }).ConfigureAwait(false);

        var manifestText = plan.Manifest.Render();
        var sbom = plan.Sbom;

        // Three independent files, each written and synced to disk: at once rather than one sync after another.
        await Task.WhenAll(
            AtomicFile.WriteAllTextAsync(Path.Combine(output, BundleFiles.Manifest), manifestText, cancellationToken),
            AtomicFile.WriteAllTextAsync(Path.Combine(output, BundleFiles.Notes), plan.ReleaseNotes, cancellationToken),
            AtomicFile.WriteAllTextAsync(Path.Combine(output, BundleSbom.FileName), sbom, cancellationToken)).ConfigureAwait(false);

        var entries = new List<ArchiveEntry>
        {
            ArchiveEntry.FromBytes(BundleFiles.Manifest, Utf8.GetBytes(manifestText)),
            ArchiveEntry.FromBytes(BundleFiles.Notes, Utf8.GetBytes(plan.ReleaseNotes)),
            ArchiveEntry.FromBytes(BundleSbom.FileName, Utf8.GetBytes(sbom)),
        };
        if (Directory.Exists(installersFolder))
        {
            foreach (var file in Directory.EnumerateFiles(installersFolder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith('.'))
                {
                    continue;
                }

                entries.Add(ArchiveEntry.FromBytes(
                    name,
                    await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false),
                    executable: name.EndsWith(".sh", StringComparison.Ordinal)));
            }
        }

        var metaPackage = await MetaPackageAsync(
            plan.MetaPackageName, entries, modified, output, cacheRoot, cancellationToken).ConfigureAwait(false);

        var keep = plan.Archives.Keys.Append(BundleFiles.Manifest)
            .Append(BundleFiles.Notes)
            .Append(BundleSbom.FileName)
            .Append(plan.MetaPackageName)
            .Append(BundleFiles.Sums)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(output).Where(file => !keep.Contains(Path.GetFileName(file))
                     && (Path.GetFileName(file).StartsWith(BundleFiles.ArchivePrefix, StringComparison.Ordinal)
                         || Path.GetFileName(file).EndsWith(".tmp", StringComparison.Ordinal))))
        {
            File.Delete(stale);
        }

        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [BundleFiles.Manifest] = Convert.ToHexStringLower(SHA256.HashData(Utf8.GetBytes(manifestText))),
            [BundleFiles.Notes] = Convert.ToHexStringLower(SHA256.HashData(Utf8.GetBytes(plan.ReleaseNotes))),
            [BundleSbom.FileName] = Convert.ToHexStringLower(SHA256.HashData(Utf8.GetBytes(sbom))),
            [plan.MetaPackageName] = metaPackage.Digest.Sha256,
        };
        foreach (var artifact in plan.Manifest.Artifacts)
        {
            sums[artifact.Name] = artifact.Sha256;
        }

        await AtomicFile.WriteAllTextAsync(
            Path.Combine(output, BundleFiles.Sums), Sha256Sums.Render(sums), cancellationToken).ConfigureAwait(false);
        return new AssemblyResult([.. keep.Order(StringComparer.Ordinal)], metaPackage.Timing);
    }

    /// <summary>
    /// The meta-package's timestamp: SOURCE_DATE_EPOCH when given, else the bundle's release date (midnight UTC), else the epoch.
    /// </summary>
    public static DateTimeOffset MetaTimestamp(BundleManifest manifest, long? sourceDateEpoch)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (sourceDateEpoch is { } epoch)
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return manifest.Bundle.ReleaseDate is { } date
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            : DateTimeOffset.UnixEpoch;
    }

    /// <summary>SOURCE_DATE_EPOCH from the environment: null when unset; a user error when it is not a number.</summary>
    public static long? SourceDateEpoch()
    {
        var text = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw UserErrorException.Of(
                DiagnosticCodes.Packaging.BadSourceDateEpoch,
                $"SOURCE_DATE_EPOCH='{text}' is not a number of seconds",
                "set it to a Unix time (git log -1 --format=%ct) or unset it");
    }

    /// <summary>
    /// Writes the meta-package into <paramref name="output"/>: copied from the cache when an archive of exactly these
    /// entries and timestamp was made before, else compressed into the cache first.
    /// </summary>
    private static async Task<(JobTiming Timing, FileDigest Digest)> MetaPackageAsync(
        string name,
        IReadOnlyList<ArchiveEntry> entries,
        DateTimeOffset modified,
        string output,
        string cacheRoot,
        CancellationToken cancellationToken)
    {
        var key = new StringBuilder("provisioning-dist meta-package\n")
            .Append("archiver=").Append(PackageJob.ArchiverVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("level=auto\n")
            .Append("runtime=").Append(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription).Append('\n')
            .Append("mtime=").Append(modified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var entry in entries)
        {
            key.Append(entry.Path)
                .Append(entry.Executable ? " x " : " - ")
                .Append(Convert.ToHexStringLower(SHA256.HashData(entry.Content!.Value.Span)))
                .Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Utf8.GetBytes(key.ToString())))[..32];
        var cached = Path.Combine(Path.GetFullPath(cacheRoot), "packages", "meta-" + hash, name);
        // The output folder is this run's alone (its phase holds OutputLock.FolderAsync); the cache entry is shared.
        using var entryLock = await OutputLock.CacheEntryAsync(cached, _ => { }, cancellationToken).ConfigureAwait(false);
        var digest = await CacheEntry.ReadAsync(cached, cancellationToken).ConfigureAwait(false);
        var fromCache = digest is not null;
        var work = ImmutableArray<WorkInterval>.Empty;
        if (digest is null)
        {
            var started = TimeProvider.System.GetUtcNow();
            digest = await CacheEntry.CreateAsync(
                cached,
                (path, token) => DeterministicArchive.CreateAsync(path, entries, modified, token),
                cancellationToken).ConfigureAwait(false);
            work = [new WorkInterval(WorkKind.Compress, started, TimeProvider.System.GetUtcNow())];
        }

        try
        {
            await FilePlacement.PlaceAsync(cached, digest, Path.Combine(output, name), cancellationToken).ConfigureAwait(false);
        }
        catch (PlacedFileMismatchException exception)
        {
            throw new UserErrorException(CacheEntry.Mismatch(exception, name));
        }
        return (new JobTiming(name, fromCache, work), digest);
    }
}
