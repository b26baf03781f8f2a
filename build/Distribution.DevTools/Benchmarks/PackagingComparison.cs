using System.Collections.Immutable;
using Distribution.Core.Packaging;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// The same files (<see cref="Title"/>) packed by our archiver and by the tools people use instead, one
/// <see cref="ArchiverRun"/> each, every tool once per run in turn so that load falls on all of them alike. Runs are
/// found by key: <see cref="OursKey"/> (ours at the level it chooses by content, <see cref="OursLevel"/>, on every
/// core), <see cref="OursOneCoreKey"/> (the same on one thread), <see cref="PigzKey"/> (<c>tar | pigz -6 -p cores</c>),
/// <see cref="ZlibOneCoreKey"/> (<c>pigz -p 1</c>) and <see cref="ZstdKey"/> (<c>tar | zstd -T0</c>, for information),
/// the pigz and zstd ones absent where the tool is not installed. <see cref="Curve"/> is ours at every zlib-ng level
/// on one thread: the level chosen from it is the fastest within <see cref="SizeBudget"/> of pigz's size, and the
/// machine's limit is that level's one-thread speed times the cores.
/// </summary>
public sealed record PackagingComparison(string Title, long InputBytes, int Cores, ImmutableArray<ArchiverRun> Runs)
{
    public const string OursKey = "ours";
    public const string OursOneCoreKey = "ours_one_core";
    public const string PigzKey = "tar_pigz";
    public const string ZlibOneCoreKey = "zlib_one_core";
    public const string ZstdKey = "tar_zstd";

    /// <summary>How much larger than <c>pigz -6</c>'s output ours may be: 0.02 is 2%.</summary>
    public const double SizeBudget = 0.02;

    /// <summary>The level our archiver chose for these files by their content (<c>CompressionDefaults</c>).</summary>
    public DeflateLevel OursLevel { get; init; } = CompressionDefaults.OtherLevel;

    /// <summary>Ours on one thread at each whole zlib-ng level, 1 to 9, and the quarter steps near ours; empty when not measured.</summary>
    public ImmutableArray<LevelPoint> Curve { get; init; } = [];

    public ArchiverRun? Ours => Find(OursKey);

    public ArchiverRun? OursOneCore => Find(OursOneCoreKey);

    public ArchiverRun? Pigz => Find(PigzKey);

    public ArchiverRun? ZlibOneCore => Find(ZlibOneCoreKey);

    /// <summary>How many times faster than tar | pigz ours is, run by run; null without either.</summary>
    public Measurement? SpeedupOverPigz => Ours is { } ours ? SpeedupOverPigzOf(ours) : null;

    /// <summary>Our output's size relative to pigz's, minus one (0.01 is 1% larger); null without either.</summary>
    public double? SizeOverPigz => Ours is { } ours ? SizeOverPigzOf(ours) : null;

    /// <summary>How many times faster ours is on every core than on one, run by run; null without either.</summary>
    public Measurement? ThreadScaling => Ours is { } ours && OursOneCore is { } one ? RatioPerRun(one.Seconds, ours.Seconds) : null;

    /// <summary>The fastest level of the curve whose output is within <see cref="SizeBudget"/> of pigz's; null without pigz.</summary>
    public LevelPoint? ChosenLevel => Pigz is { } pigz ? Choose(Curve, pigz.OutputBytes, SizeBudget) : null;

    /// <summary>
    /// Our own fastest one-thread deflate within the size budget, times the cores: what perfect parallel packaging would reach.
    /// </summary>
    public double? MachineLimitMegabytesPerSecond =>
        ChosenLevel is { } chosen ? chosen.MegabytesPerSecond(InputBytes).Median * Cores : null;

    public ArchiverRun? Find(string key) => Runs.FirstOrDefault(run => run.Key == key);

    /// <summary>How many times faster than tar | pigz <paramref name="run"/> is, run by run (pigz's n-th over its n-th).</summary>
    public Measurement? SpeedupOverPigzOf(ArchiverRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Pigz is { } pigz ? RatioPerRun(pigz.Seconds, run.Seconds) : null;
    }

    /// <summary><paramref name="run"/>'s output size relative to pigz's, minus one (0.01 is 1% larger); null without pigz.</summary>
    public double? SizeOverPigzOf(ArchiverRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Pigz is { } pigz ? SizeOver(run.OutputBytes, pigz.OutputBytes) : null;
    }

    /// <summary>A level's output size relative to pigz's, minus one; null without pigz.</summary>
    public double? SizeOverPigzOf(LevelPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Pigz is { } pigz ? SizeOver(point.OutputBytes, pigz.OutputBytes) : null;
    }

    /// <summary>The comparison without the pigz rows, as where pigz is not installed.</summary>
    public PackagingComparison WithoutPigz() => this with { Runs = [.. Runs.Where(run => run.Key is not (PigzKey or ZlibOneCoreKey))] };

    /// <summary>
    /// The ratio of two series taken in turn, run by run: the n-th of <paramref name="numerator"/> over the n-th of
    /// <paramref name="denominator"/> (runs taken together saw the same load), as samples with their median and spread.
    /// </summary>
    public static Measurement RatioPerRun(Measurement numerator, Measurement denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        return Measurement.Of(numerator.Samples.Zip(denominator.Samples, (top, bottom) => top / bottom));
    }

    /// <summary>
    /// The fastest point (by median time) whose output is at most <paramref name="budget"/> larger than
    /// <paramref name="referenceBytes"/>; the smaller level on a tie; null when none is within it.
    /// </summary>
    public static LevelPoint? Choose(IEnumerable<LevelPoint> curve, long referenceBytes, double budget)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve
            .Where(point => SizeOver(point.OutputBytes, referenceBytes) <= budget)
            .OrderBy(point => point.Seconds.Median)
            .ThenBy(point => point.Level.Quarters)
            .FirstOrDefault();
    }

    private static double SizeOver(long bytes, long referenceBytes) => ((double)bytes / referenceBytes) - 1;
}
