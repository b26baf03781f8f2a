using System.Collections.Immutable;
using Distribution.Core.Benchmarks;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// Repeated create-bundle runs of one bundle: cold ones (empty build and package caches, fetched sources) and warm
/// ones (nothing changed), each with its wall time and its <see cref="BuildTimings"/>, plus fetch runs with warm mirrors.
/// </summary>
public sealed record CreateBundleSeries(
    string Bundle,
    ImmutableArray<TimedRun> Cold,
    ImmutableArray<TimedRun> Warm,
    Measurement FetchWarmSeconds)
{
    public Measurement ColdSeconds => Measurement.Of(Cold.Select(run => run.Seconds));

    public Measurement WarmSeconds => Measurement.Of(Warm.Select(run => run.Seconds));

    /// <summary>Per cold run: wall time not spent with a build or a compression running.</summary>
    public Measurement OrchestrationSeconds => Measurement.Of(Cold.Select(run => run.OrchestrationSeconds));

    /// <summary>The median cold run's share of orchestration (each run's share, then the median).</summary>
    public double OrchestrationShare => Measurement.Of(Cold.Select(run => run.OrchestrationSeconds / run.Seconds)).Median;

    public double WarmOverCold => WarmSeconds.Median / ColdSeconds.Median;

    public int ColdBuilds => Cold.IsEmpty ? 0 : Cold.Max(run => run.Timings.Builds);

    public int ColdCompressions => Cold.IsEmpty ? 0 : Cold.Max(run => run.Timings.Compressions);

    /// <summary>The most builds any warm run did (the goal is zero).</summary>
    public int WarmBuilds => Warm.IsEmpty ? 0 : Warm.Max(run => run.Timings.Builds);

    /// <summary>The most compressions any warm run did (the goal is zero).</summary>
    public int WarmCompressions => Warm.IsEmpty ? 0 : Warm.Max(run => run.Timings.Compressions);

    public int Archives => Cold.IsEmpty ? 0 : Cold[0].Timings.Jobs.Length;
}
