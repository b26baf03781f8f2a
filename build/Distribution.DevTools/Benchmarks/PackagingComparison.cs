using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// The same files (<see cref="Title"/>) packed by our archiver and by the tools people use instead, one
/// <see cref="ArchiverRun"/> each. Runs are found by key: <see cref="OursKey"/> (ours at the default level on every
/// core), <see cref="PigzKey"/> (<c>tar | pigz -p cores</c>) and <see cref="ZlibOneCoreKey"/> (<c>pigz -p 1</c>), the
/// last two absent where pigz is not installed. The machine's limit is one core's zlib throughput times the cores:
/// what perfect parallel zlib would reach here.
/// </summary>
public sealed record PackagingComparison(string Title, long InputBytes, int Cores, ImmutableArray<ArchiverRun> Runs)
{
    public const string OursKey = "ours";
    public const string PigzKey = "tar_pigz";
    public const string ZlibOneCoreKey = "zlib_one_core";

    public ArchiverRun? Ours => Find(OursKey);

    public ArchiverRun? Pigz => Find(PigzKey);

    public ArchiverRun? ZlibOneCore => Find(ZlibOneCoreKey);

    /// <summary>How many times faster than tar | pigz ours is (median over median); null without either.</summary>
    public double? SpeedupOverPigz => Ours is { } ours ? SpeedupOverPigzOf(ours) : null;

    /// <summary>Our output's size relative to pigz's, minus one (0.01 is 1% larger); null without either.</summary>
    public double? SizeOverPigz => Ours is { } ours ? SizeOverPigzOf(ours) : null;

    public double? MachineLimitMegabytesPerSecond => ZlibOneCore is { } zlib ? zlib.MegabytesPerSecond(InputBytes).Median * Cores : null;

    public ArchiverRun? Find(string key) => Runs.FirstOrDefault(run => run.Key == key);

    /// <summary>How many times faster than tar | pigz <paramref name="run"/> is (median over median); null without pigz.</summary>
    public double? SpeedupOverPigzOf(ArchiverRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Pigz is { } pigz ? pigz.Seconds.Median / run.Seconds.Median : null;
    }

    /// <summary><paramref name="run"/>'s output size relative to pigz's, minus one (0.01 is 1% larger); null without pigz.</summary>
    public double? SizeOverPigzOf(ArchiverRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Pigz is { } pigz ? ((double)run.OutputBytes / pigz.OutputBytes) - 1 : null;
    }

    /// <summary>The comparison without the pigz rows, as where pigz is not installed.</summary>
    public PackagingComparison WithoutPigz() => this with { Runs = [.. Runs.Where(run => run.Key is not (PigzKey or ZlibOneCoreKey))] };
}
