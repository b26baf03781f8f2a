using System.Collections.Immutable;

namespace Distribution.Core.Benchmarks;

/// <summary>
/// The same files packed by our archiver and by the tools people use instead. <see cref="Pigz"/> and
/// <see cref="ZlibOneCore"/> are null where pigz is not installed. The machine's limit is one core's zlib
/// throughput (pigz -p 1 at level 6) times the cores: what perfect parallel zlib would reach here.
/// </summary>
public sealed record PackagingComparison(long InputBytes, int Cores, ArchiverRun Ours, ArchiverRun OursOneCore, ArchiverRun Gzip, ArchiverRun? Pigz, ArchiverRun? ZlibOneCore)
{
    public ImmutableArray<ArchiverRun> Runs => [.. new[] { Ours, OursOneCore, Gzip, Pigz, ZlibOneCore }.OfType<ArchiverRun>()];

    /// <summary>How many times faster than tar | pigz ours is (median over median); null without pigz.</summary>
    public double? SpeedupOverPigz => Pigz is null ? null : Pigz.Seconds.Median / Ours.Seconds.Median;

    /// <summary>Our output's size relative to pigz's, minus one (0.01 is 1% larger); null without pigz.</summary>
    public double? SizeOverPigz => Pigz is null ? null : ((double)Ours.OutputBytes / Pigz.OutputBytes) - 1;

    public double? MachineLimitMegabytesPerSecond => ZlibOneCore is null ? null : ZlibOneCore.MegabytesPerSecond(InputBytes).Median * Cores;
}
