namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One step of the growth curve timed on a bundle of <see cref="Components"/> components: wall time, and the benchmark
/// process's processor time in the same runs (what the step itself worked, whatever the machine's other load).
/// </summary>
public sealed record GrowthSample(int Components, Measurement Seconds, Measurement CpuSeconds)
{
    /// <summary>The median run's seconds over the component count.</summary>
    public double SecondsPerComponent => Seconds.Median / Components;

    /// <summary>The median run's processor seconds over the component count.</summary>
    public double CpuSecondsPerComponent => CpuSeconds.Median / Components;
}
