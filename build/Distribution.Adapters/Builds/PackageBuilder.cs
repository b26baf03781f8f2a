using System.Collections.Concurrent;
using System.Collections.Immutable;
using Distribution.Adapters.Archives;
using Distribution.Adapters.Files;
using Distribution.Adapters.Processes;
using Distribution.Core.Benchmarks;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// Builds one archive per <see cref="PackageJob"/>, through the build cache under <paramref name="cacheRoot"/>:
/// <c>packages/KEY/NAME.tar.gz</c> holds finished archives and <c>builds/KEY/</c> the build output, where KEY
/// (<see cref="PackageJob.CacheKey"/>) covers commit, tree, recipe, target, timestamp and tool versions. A hit
/// places the cached archive (<see cref="FilePlacement"/>: a hard link where possible) and takes its digest from
/// the cache (<see cref="CacheEntry"/>), reading none of it; a miss copies the source into a private folder
/// (parallel builds never share one), runs the recipe's commands there, maps the layout and writes the archive
/// atomically, hashing it as it is written. Thread-safe: one builder
/// serves every parallel job. Each result carries the wall-clock intervals of its build steps and its compression,
/// read from <paramref name="clock"/> (the system clock by default), for <c>create-bundle --timings</c>.
/// </summary>
public sealed class PackageBuilder(string cacheRoot, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> toolVersions = new(StringComparer.Ordinal);

    public string CacheRoot { get; } = Path.GetFullPath(cacheRoot);

    /// <summary>Fails with PKG011, naming the missing toolchain or runner, when this host cannot build the job's target.</summary>
    public static void CheckHost(PackageJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        // Each requirement alone, so that the recipe's [install-hints] say how to get exactly what is missing.
        var missing = job.Recipe.Requires.Concat(job.Target.Requires).Distinct(StringComparer.Ordinal)
            .Select(requirement => (Requirement: requirement, Phrases: HostRequirements.Missing([requirement])))
            .Where(item => item.Phrases.Count > 0)
            .ToList();
        if (missing.Count > 0)
        {
            var hints = missing.Where(item => job.Recipe.InstallHints.ContainsKey(item.Requirement))
                .Select(item => $"{item.Requirement}: {job.Recipe.InstallHints[item.Requirement]}")
                .ToList();
            var fix = hints.Count > 0
                ? $"{string.Join("; ", hints)}; or build {job.Target.Name} on a runner that has "
                    + $"{(missing.Count > 1 ? "them" : "it")} (--targets=… --shard-out=DIR, then AssembleBundle)"
                : $"install what is missing, or build {job.Target.Name} on a runner that "
                    + "has it (--targets=… --shard-out=DIR, then AssembleBundle)";
            throw new PackageBuildException(Diagnostic.Error(
                DiagnosticCodes.Packaging.HostCannotBuild,
                $"{job.Display} cannot be built on this host: it needs {string.Join(" and ", missing.SelectMany(item => item.Phrases))}",
                fix,
                job.Recipe.Location));
        }
    }

    /// <summary>The cache key of a job: runs the recipe's tool-version commands (once per command per builder).</summary>
    public async Task<string> KeyAsync(PackageJob job, long modifiedEpoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        // The deflate implementation ships with the runtime: another runtime may compress differently.
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["archiver runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
        };
        foreach (var command in job.Recipe.ToolVersions)
        {
            var display = string.Join(' ', command);
            versions[display] = await toolVersions.GetOrAdd(
                display, _ => new Lazy<Task<string>>(() => ProbeAsync(job, command, cancellationToken))).Value.ConfigureAwait(false);
        }

        return job.CacheKey(versions, modifiedEpoch);
    }

    /// <summary>Makes the job's archive and places it in <paramref name="destinationFolder"/>.</summary>
    /// <param name="source">The component's exported source tree (left untouched).</param>
    /// <param name="modified">The archive entries' timestamp: the commit time, or SOURCE_DATE_EPOCH.</param>
    /// <param name="destinationFolder">Where the archive goes; null: it stays in the cache, and the result names the cache entry.</param>
    public async Task<PackageResult> BuildAsync(
        PackageJob job, string source, DateTimeOffset modified, string? destinationFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        CheckHost(job);
        var key = await KeyAsync(job, modified.ToUnixTimeSeconds(), cancellationToken).ConfigureAwait(false);
        var cached = Path.Combine(CacheRoot, "packages", key, job.ArchiveName);
        var digest = await CacheEntry.ReadAsync(cached, cancellationToken).ConfigureAwait(false);
        var fromCache = digest is not null;
        var work = new List<WorkInterval>();
        digest ??= await MakeAsync(job, key, source, modified, cached, work, cancellationToken).ConfigureAwait(false);

        var destination = cached;
        if (destinationFolder is not null)
        {
            destination = Path.Combine(destinationFolder, job.ArchiveName);
            await FilePlacement.PlaceAsync(cached, digest, destination, cancellationToken).ConfigureAwait(false);
        }

        return new PackageResult(job, destination, digest.Size, digest.Sha256, fromCache) { Work = [.. work] };
    }

    private async Task<FileDigest> MakeAsync(
        PackageJob job,
        string key,
        string source,
        DateTimeOffset modified,
        string cached,
        List<WorkInterval> work,
        CancellationToken cancellationToken)
    {
        var folder = Path.Combine(CacheRoot, "builds", $"{key}.tmp-{Guid.NewGuid():N}"[..(key.Length + 13)]);
        var workSource = Path.Combine(folder, "src");
        var output = Path.Combine(folder, "out");
        FileDigest digest;
        try
        {
            Directory.CreateDirectory(output);
            if (job.Recipe.Build.Length > 0)
            {
                FileTree.Copy(source, workSource);
            }
            else
            {
                workSource = Path.GetFullPath(source);
            }

            var commands = job.Commands(workSource, output);
            for (var step = 0; step < commands.Length; step++)
            {
                var started = clock.GetUtcNow();
                await RunStepAsync(job, step + 1, commands[step], workSource, cancellationToken).ConfigureAwait(false);
                work.Add(new WorkInterval(WorkKind.Build, started, clock.GetUtcNow()));
            }

            try
            {
                var entries = LayoutMapper.Map(job, workSource, output);
                var started = clock.GetUtcNow();
                digest = await CacheEntry.CreateAsync(
                    cached,
                    (path, token) => DeterministicArchive.CreateAsync(
                        path, entries, modified, job.Recipe.CompressionLevel, parallelism: 0, token),
                    cancellationToken).ConfigureAwait(false);
                work.Add(new WorkInterval(WorkKind.Compress, started, clock.GetUtcNow()));
            }
            catch (InvalidDataException exception)
            {
                throw new PackageBuildException(Diagnostic.Error(
                    DiagnosticCodes.Packaging.Unarchivable,
                    $"{job.Display}: {exception.Message}",
                    "fix the source or the recipe's [[layout]] (docs/formats.md: what archives may hold)",
                    job.Recipe.Location));
            }

            var builds = Path.Combine(CacheRoot, "builds", key);
            FileTree.Delete(builds);
            Directory.Move(output, builds);
        }
        finally
        {
            FileTree.Delete(folder);
        }

        return digest;
    }

    private static async Task RunStepAsync(
        PackageJob job, int step, ImmutableArray<string> command, string workingDirectory, CancellationToken cancellationToken)
    {
        var environment = job.Recipe.Environment.ToImmutableDictionary(
            pair => pair.Key, pair => (string?)job.Expand(pair.Value, workingDirectory, string.Empty), StringComparer.Ordinal)
            .SetItem("MSBuildExtensionsPath", null).SetItem("MSBuildSDKsPath", null).SetItem("MSBUILD_EXE_PATH", null);
        var spec = new ProcessSpec(command[0], command[1..]) { WorkingDirectory = workingDirectory, Environment = environment };
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgramNotFoundException)
        {
            throw new PackageBuildException(Diagnostic.Error(
                DiagnosticCodes.Packaging.HostCannotBuild,
                $"{job.Display}: '{command[0]}' is not installed or not on PATH",
                $"install {command[0]}, or build {job.Target.Name} on a runner that has it",
                job.Recipe.Location));
        }

        if (!result.Succeeded)
        {
            throw new PackageBuildException(Diagnostic.Error(
                DiagnosticCodes.Packaging.BuildFailed,
                $"{job.Display}: build step {step} ({Path.GetFileName(command[0])} "
                    + $"{(command.Length > 1 ? command[1] : string.Empty)}) failed with exit code {result.ExitCode}; its output ends: "
                    + $"{string.Join(" | ", result.TailOfBoth(12).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))}",
                "fix the build (what follows 'its output ends' is the tool's own output); nothing was packaged for this target",
                job.Recipe.Location));
        }
    }

    private static async Task<string> ProbeAsync(PackageJob job, ImmutableArray<string> command, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(new ProcessSpec(command[0], command[1..]), cancellationToken).ConfigureAwait(false);
            return result.Succeeded
                ? result.StandardOutput.Trim()
                : throw new PackageBuildException(Diagnostic.Error(
                    DiagnosticCodes.Packaging.HostCannotBuild,
                    $"{job.Display}: '{string.Join(' ', command)}' failed: {result.Tail(3)}",
                    "install a working toolchain",
                    job.Recipe.Location));
        }
        catch (ProgramNotFoundException)
        {
            throw new PackageBuildException(Diagnostic.Error(
                DiagnosticCodes.Packaging.HostCannotBuild,
                $"{job.Display}: '{command[0]}' is not installed or not on PATH",
                $"install {command[0]}",
                job.Recipe.Location));
        }
    }
}
