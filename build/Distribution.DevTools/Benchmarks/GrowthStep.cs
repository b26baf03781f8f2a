using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One step of the pipeline (cold create-bundle, fetch, publish…) timed at each size of the growth curve, smallest first.
/// </summary>
public sealed record GrowthStep(string Key, string Label, ImmutableArray<GrowthSample> Sizes)
{
    /// <summary>The fitted exponent of the wall time between each size and the next (<see cref="GrowthCurve.Exponent"/>).</summary>
    public ImmutableArray<double> Exponents => Fit(size => size.Seconds.Median);

    /// <summary>The same of the processor time: what judges the step, as other jobs on the machine do not move it.</summary>
    public ImmutableArray<double> CpuExponents => Fit(size => size.CpuSeconds.Median);

    /// <summary>
    /// Whether the step grows faster than linearly (<see cref="GrowthCurve.IsSuperlinear"/> of <see cref="CpuExponents"/>).
    /// </summary>
    public bool Superlinear => GrowthCurve.IsSuperlinear(CpuExponents);

    private ImmutableArray<double> Fit(Func<GrowthSample, double> seconds) =>
        [.. Sizes.Zip(Sizes.Skip(1), (from, to) => GrowthCurve.Exponent(from.Components, seconds(from), to.Components, seconds(to)))];
}
