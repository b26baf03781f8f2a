using Distribution.Core.Benchmarks;

namespace Distribution.DevTools.Benchmarks;

/// <summary>One timed create-bundle run: its wall time and what its builds and compressions took.</summary>
public sealed record TimedRun(double Seconds, BuildTimings Timings)
{
    /// <summary>Wall time not spent with a build or a compression running.</summary>
    public double OrchestrationSeconds => Math.Max(0, Seconds - Timings.Busy.TotalSeconds);
}
