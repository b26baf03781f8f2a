using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// How the pipeline's steps grow with the component count: each <see cref="GrowthStep"/> timed on synthetic bundles of
/// <see cref="Components"/> components with <see cref="PayloadBytesPerComponent"/> each (docs/benchmark.md#growth).
/// A step grows faster than linearly when its processor time between the two largest sizes grows with an exponent above
/// <see cref="SuperlinearExponent"/>: fixed costs flatten the smaller sizes, so the largest pair is the fairest, and
/// processor time is what the step itself did (the wall time of a busy machine's neighbours would judge them).
/// </summary>
public sealed record GrowthCurve(long PayloadBytesPerComponent, ImmutableArray<int> Components, ImmutableArray<GrowthStep> Steps)
{
    /// <summary>Above this exponent a step is named superlinear (linear is 1, quadratic 2; the margin is the noise).</summary>
    public const double SuperlinearExponent = 1.25;

    /// <summary>The steps that grow faster than linearly.</summary>
    public ImmutableArray<GrowthStep> Superlinear => [.. Steps.Where(step => step.Superlinear)];

    /// <summary>
    /// The exponent k of <c>seconds ∝ components^k</c> through two sizes: log(t2/t1) / log(n2/n1). NaN when a time is not
    /// positive or the counts are equal, as there is then nothing to fit.
    /// </summary>
    public static double Exponent(int fromComponents, double fromSeconds, int toComponents, double toSeconds)
        => fromComponents <= 0 || toComponents <= 0 || fromComponents == toComponents
            || !(fromSeconds > 0) || !(toSeconds > 0) || !double.IsFinite(fromSeconds) || !double.IsFinite(toSeconds)
            ? double.NaN
            : Math.Log(toSeconds / fromSeconds) / Math.Log((double)toComponents / fromComponents);

    /// <summary>
    /// Superlinear: the last exponent that could be fitted (between the largest sizes) is above
    /// <see cref="SuperlinearExponent"/>. No fitted exponent judges nothing.
    /// </summary>
    public static bool IsSuperlinear(ImmutableArray<double> exponents)
    {
        var fitted = exponents.Where(double.IsFinite).ToList();
        return fitted.Count > 0 && fitted[^1] > SuperlinearExponent;
    }
}
