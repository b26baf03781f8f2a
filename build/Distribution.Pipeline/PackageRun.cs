using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Distribution.Adapters.Builds;
using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;

namespace Distribution.Pipeline;

/// <summary>
/// Runs every package job in parallel (at most one per core), with a progress line per
/// component and target; <c>destination</c> null leaves the archives in the cache.
/// </summary>
internal static class PackageRun
{
    public static async Task<ImmutableArray<PackageResult>> RunAsync(
        IReporter reporter,
        PackageBuilder builder,
        IReadOnlyList<PackageJob> jobs,
        Func<PackageJob, (string Source, DateTimeOffset Modified)> inputs,
        string? destination,
        CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<PackageResult>();
        var failures = new ConcurrentBag<Diagnostic>();
        await reporter.WithProgressAsync($"Packaging {jobs.Count} archive(s) on {Environment.ProcessorCount} core(s)", async sink =>
        {
            // Builds with commands first: they take longest.
            var ordered = jobs.OrderByDescending(job => job.Recipe.Build.Length)
                .ThenBy(job => job.ArchiveName, StringComparer.Ordinal)
                .ToList();
            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Environment.ProcessorCount,
                CancellationToken = cancellationToken
            };
            await Parallel.ForEachAsync(ordered, options, async (job, token) =>
            {
                var item = sink.Start(job.Display);
                var clock = Stopwatch.StartNew();
                try
                {
                    var (source, modified) = inputs(job);
                    var result = await builder.BuildAsync(job, source, modified, destination, token).ConfigureAwait(false);
                    results.Add(result);
                    item.Done(result.FromCache
                        ? $"{job.ArchiveName} from cache"
                        : $"{job.ArchiveName} built in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} "
                            + $"s ({result.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
                }
                catch (PackageBuildException exception)
                {
                    failures.Add(exception.Diagnostic);
                    item.Failed(exception.Diagnostic.Code);
                }
            }).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);

        if (!failures.IsEmpty)
        {
            throw new UserErrorException(failures.OrderBy(failure => failure.Message, StringComparer.Ordinal));
        }

        return [.. results.OrderBy(result => result.Job.ArchiveName, StringComparer.Ordinal)];
    }
}
