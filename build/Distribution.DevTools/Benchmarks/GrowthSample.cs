namespace Distribution.DevTools.Benchmarks;

/// <summary>One step of the growth curve timed on a bundle of <see cref="Components"/> components.</summary>
public sealed record GrowthSample(int Components, Measurement Seconds)
{
    /// <summary>The median run's seconds over the component count.</summary>
    public double SecondsPerComponent => Seconds.Median / Components;
}
