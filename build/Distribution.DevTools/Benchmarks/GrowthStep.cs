using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One step of the pipeline (cold create-bundle, fetch, publish…) timed at each size of the growth curve, smallest first.
/// </summary>
public sealed record GrowthStep(string Key, string Label, ImmutableArray<GrowthSample> Sizes)
{
    /// <summary>The fitted exponent between each size and the next (<see cref="GrowthCurve.Exponent"/>): 1 is linear.</summary>
    public ImmutableArray<double> Exponents => [.. Sizes.Zip(Sizes.Skip(1), (from, to) => GrowthCurve.Exponent(
        from.Components, from.Seconds.Median, to.Components, to.Seconds.Median))];

    /// <summary>Whether the step grows faster than linearly (<see cref="GrowthCurve.IsSuperlinear"/>).</summary>
    public bool Superlinear => GrowthCurve.IsSuperlinear(Exponents);
}
