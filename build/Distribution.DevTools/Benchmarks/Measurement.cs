using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>Several runs of one measurement: the samples, and their median, minimum and maximum.</summary>
public sealed record Measurement(ImmutableArray<double> Samples)
{
    public double Median
    {
        get
        {
            if (Samples.IsEmpty)
            {
                return double.NaN;
            }

            var sorted = Samples.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Samples.IsEmpty ? double.NaN : Samples.Min();

    public double Max => Samples.IsEmpty ? double.NaN : Samples.Max();

    public static Measurement Of(IEnumerable<double> samples) => new([.. samples]);

    /// <summary>Each sample mapped, for instance seconds into MB/s.</summary>
    public Measurement Select(Func<double, double> map) => new([.. Samples.Select(map)]);

    /// <summary>Seconds taken over <paramref name="bytes"/>, as megabytes (10^6 bytes) per second, per run.</summary>
    public Measurement MegabytesPerSecond(long bytes) => Select(seconds => bytes / 1e6 / seconds);
}
