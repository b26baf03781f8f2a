using System.Text.Json;
using Distribution.Core.Benchmarks;
using Distribution.Core.Packaging;
using Distribution.DevTools.Benchmarks;
using Distribution.Testing;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class BenchmarkReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Median_min_and_max_of_odd_and_even_counts()
    {
        Assert.Equal(2.0, Measurement.Of([3.0, 1.0, 2.0]).Median);
        Assert.Equal(2.5, Measurement.Of([4.0, 1.0, 2.0, 3.0]).Median);
        Assert.Equal(1.0, Measurement.Of([4.0, 1.0, 2.0, 3.0]).Min);
        Assert.Equal(4.0, Measurement.Of([4.0, 1.0, 2.0, 3.0]).Max);
        Assert.True(double.IsNaN(Measurement.Of([]).Median));
    }

    [Fact]
    public void Goals_hold_when_every_number_is_within_its_bound()
    {
        var report = Report(
            oursSeconds: 1.0, oursBytes: 1010, pigzSeconds: 1.9, pigzBytes: 1000, warmSeconds: 0.5, warmCompressions: 0, busySeconds: 9.0);

        Assert.All(report.Goals, goal => Assert.True(goal.Met, goal.Goal + ": " + goal.Measured));
        Assert.Equal(
            ["packaging-vs-pigz", "packaging-threads", "warm-sample", "orchestration-sample", "warm-synthetic", "orchestration-synthetic"],
            report.Goals.Select(goal => goal.Key));
    }

    [Theory]
    [InlineData(1.0, 1010, 1.75, 1000, 0.5, 0, 9.0, "packaging-vs-pigz")]
    [InlineData(1.0, 1030, 1.9, 1000, 0.5, 0, 9.0, "packaging-vs-pigz")]
    [InlineData(1.0, 1010, 1.9, 1000, 1.5, 0, 9.0, "warm-sample")]
    [InlineData(1.0, 1010, 1.9, 1000, 0.5, 1, 9.0, "warm-sample")]
    [InlineData(1.0, 1010, 1.9, 1000, 0.5, 0, 8.0, "orchestration-sample")]
    public void A_number_past_its_bound_misses_that_goal(
        double oursSeconds,
        long oursBytes,
        double pigzSeconds,
        long pigzBytes,
        double warmSeconds,
        int warmCompressions,
        double busySeconds,
        string missed)
    {
        var report = Report(oursSeconds, oursBytes, pigzSeconds, pigzBytes, warmSeconds, warmCompressions, busySeconds);

        // The synthetic series here is the sample's twin, so a missed sample goal is missed for it too.
        string[] expected = missed.EndsWith("-sample", StringComparison.Ordinal)
            ? [missed, missed.Replace("-sample", "-synthetic", StringComparison.Ordinal)]
            : [missed];
        Assert.Equal(expected.Order(), report.Goals.Where(goal => !goal.Met).Select(goal => goal.Key).Order());
    }

    [Fact]
    public void Without_pigz_the_packaging_goal_is_not_claimed()
    {
        var full = Report(1.0, 1000, 1.9, 1000, 0.5, 0, 9.0);
        var report = full with { Packaging = full.Packaging.WithoutPigz() };

        var goal = report.Goals.Single(item => item.Key == "packaging-vs-pigz");
        Assert.False(goal.Met);
        Assert.Contains("pigz is not installed", goal.Measured, StringComparison.Ordinal);
        Assert.Null(report.Packaging.MachineLimitMegabytesPerSecond);
    }

    [Fact]
    public void The_packaging_goal_judges_the_median_of_the_runs_ratios_not_the_ratio_of_medians()
    {
        var report = Report(1.0, 1010, 1.9, 1000, 0.5, 0, 9.0);
        // Run by run: 2.0/1.0, 1.7/1.1, 2.2/1.2 = 2.0, 1.55, 1.83: median 1.83, though the medians' ratio is 2.0/1.1 = 1.82.
        var packaging = report.Packaging with
        {
            Runs = [.. report.Packaging.Runs.Select(run => run.Key switch
            {
                PackagingComparison.OursKey => run with { Seconds = Measurement.Of([1.0, 1.1, 1.2]) },
                PackagingComparison.PigzKey => run with { Seconds = Measurement.Of([2.0, 1.7, 2.2]) },
                _ => run,
            })],
        };

        var speedup = packaging.SpeedupOverPigz!;
        Assert.Equal([2.0, 1.7 / 1.1, 2.2 / 1.2], speedup.Samples.ToArray());
        Assert.Equal(2.2 / 1.2, speedup.Median, 9);
        var goal = (report with { Packaging = packaging }).Goals.Single(item => item.Key == "packaging-vs-pigz");
        Assert.True(goal.Met, goal.Measured);
        Assert.Equal("1.83× (1.55–2.00) faster, +1.00% size", goal.Measured);
    }

    [Fact]
    public void Two_threads_under_the_goal_over_one_thread_miss_the_threads_goal()
    {
        var report = Report(1.0, 1010, 1.9, 1000, 0.5, 0, 9.0);
        var slow = report with
        {
            Packaging = report.Packaging with
            {
                Runs = [.. report.Packaging.Runs.Select(run => run.Key == PackagingComparison.OursOneCoreKey
                    ? run with { Seconds = Measurement.Of([1.7, 1.8, 1.9]) }
                    : run)],
            },
        };

        Assert.True(report.Goals.Single(goal => goal.Key == "packaging-threads").Met);
        Assert.Equal(["packaging-threads"], slow.Goals.Where(goal => !goal.Met).Select(goal => goal.Key));
        var oneCore = slow with { Packaging = slow.Packaging with { Cores = 1 } };
        Assert.False(oneCore.Goals.Single(goal => goal.Key == "packaging-threads").Met);
    }

    [Fact]
    public void The_chosen_level_is_the_fastest_within_the_budget_and_sets_the_machine_limit()
    {
        LevelPoint Point(double level, double seconds, long bytes) =>
            new(DeflateLevel.FromNumber(level)!, Measurement.Of([seconds, seconds * 1.1, seconds * 0.9]), bytes);
        LevelPoint[] curve =
        [
            Point(1, 0.5, 1300), Point(4, 0.9, 1025), Point(5, 1.0, 1021), Point(5.25, 1.2, 1017), Point(6, 1.8, 1005), Point(9, 3.0, 995),
        ];

        Assert.Equal("5.25", PackagingComparison.Choose(curve, referenceBytes: 1000, budget: 0.02)?.Level.ToString());
        Assert.Equal("5", PackagingComparison.Choose(curve, referenceBytes: 1000, budget: 0.0215)?.Level.ToString());
        Assert.Equal("4", PackagingComparison.Choose(curve, referenceBytes: 1000, budget: 0.025)?.Level.ToString());
        Assert.Equal("9", PackagingComparison.Choose(curve, referenceBytes: 1000, budget: -0.005)?.Level.ToString());
        Assert.Null(PackagingComparison.Choose(curve, referenceBytes: 900, budget: 0.02));
        Assert.Equal("6", PackagingComparison.Choose([Point(7, 1.0, 1000), Point(6, 1.0, 1000)], 1000, 0.02)?.Level.ToString());
        Assert.Equal("5.5", PackagingComparison.Choose([Point(5.75, 1.0, 1000), Point(5.5, 1.0, 1000)], 1000, 0.02)?.Level.ToString());

        var packaging = Report(1.0, 1010, 1.9, 1000, 0.5, 0, 9.0).Packaging with { Curve = [.. curve] };
        Assert.Equal("5.25", packaging.ChosenLevel?.Level.ToString());
        Assert.Equal(100_000_000 / 1e6 / 1.2 * 2, packaging.MachineLimitMegabytesPerSecond!.Value, 9);
        Assert.Null(packaging.WithoutPigz().ChosenLevel);
    }

    [Fact]
    public void Ratios_are_taken_run_by_run()
    {
        var ratio = PackagingComparison.RatioPerRun(Measurement.Of([4.0, 3.0, 9.0]), Measurement.Of([2.0, 3.0, 3.0]));

        Assert.Equal([2.0, 1.0, 3.0], ratio.Samples.ToArray());
        Assert.Equal(2.0, ratio.Median);
        Assert.Equal(1.0, ratio.Min);
        Assert.Equal(3.0, ratio.Max);
    }

    [Fact]
    public void Json_report_holds_every_sample_statistic_and_goal()
    {
        var json = Report(1.0, 1010, 1.9, 1000, 0.5, 0, 9.0).ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(6, document.RootElement.GetProperty("goals").GetArrayLength());
        Snapshot.Match(json);
    }

    [Fact]
    public void Tables_show_timings_packaging_side_by_side_and_goals()
    {
        var tables = Report(1.0, 1010, 1.9, 1000, 0.5, 0, 9.0).Tables();

        Snapshot.Match(string.Join("\n", tables.Select(table => table.ToPlainText())));
    }

    private static BenchmarkReport Report(
        double oursSeconds,
        long oursBytes,
        double pigzSeconds,
        long pigzBytes,
        double warmSeconds,
        int warmCompressions,
        double busySeconds)
    {
        TimedRun Cold(double seconds)
            => new(
                seconds,
                new BuildTimings([new JobTiming(
                    "a.tar.gz",
                    false,
                    [
                        new WorkInterval(WorkKind.Build, Start, Start.AddSeconds(busySeconds - 1)),
                        new WorkInterval(WorkKind.Compress, Start.AddSeconds(busySeconds - 1), Start.AddSeconds(busySeconds))])]));
        TimedRun Warm(double seconds)
            => new(
                seconds,
                new BuildTimings([new JobTiming(
                    "a.tar.gz",
                    warmCompressions == 0,
                    warmCompressions == 0 ? [] : [new WorkInterval(WorkKind.Compress, Start, Start.AddSeconds(0.1))])]));
        var series = new CreateBundleSeries(
            "stable-3.2",
            [Cold(10.0), Cold(10.2), Cold(9.8)],
            [Warm(warmSeconds), Warm(warmSeconds + 0.1), Warm(warmSeconds - 0.1)],
            Measurement.Of([0.3, 0.31, 0.29]));
        var synthetic = series with { Bundle = "synthetic-20" };
        static Measurement Three(double seconds) => Measurement.Of([seconds, seconds * 1.1, seconds * 0.95]);
        static LevelPoint Level(int level, double seconds, long bytes) => new(DeflateLevel.Whole(level), Three(seconds), bytes);
        var packaging = new PackagingComparison(
            "the synthetic payload (100.0 MB, 20 components × 4 targets)",
            100_000_000,
            2,
            [
                new ArchiverRun("ours", "provisioning-dist, level 5 (by content), 2 threads", Three(oursSeconds), oursBytes),
                new ArchiverRun("ours_one_core", "provisioning-dist, level 5, 1 thread", Three(oursSeconds * 1.9), oursBytes),
                new ArchiverRun("tar_pigz", "tar | pigz -6 -p 2", Three(pigzSeconds), pigzBytes),
                new ArchiverRun("zlib_one_core", "tar | pigz -6 -p 1 (one core's zlib)", Three(pigzSeconds * 1.8), pigzBytes),
                new ArchiverRun("tar_gzip", "tar | gzip -6", Three(pigzSeconds * 2), pigzBytes + 5),
                new ArchiverRun("tar_zstd", "tar | zstd -3 -T0 (another format: information only)", Three(0.4), pigzBytes - 30),
            ])
        {
            OursLevel = DeflateLevel.Whole(5),
            Curve = [Level(4, 1.7, pigzBytes + 25), Level(5, oursSeconds * 1.9, oursBytes), Level(6, 3.4, pigzBytes + 5)],
        };
        var binaries = new PackagingComparison(
            "compiled binaries (this machine's .NET runtime, 80.0 MB)",
            80_000_000,
            2,
            [
                new ArchiverRun("ours", "provisioning-dist, level 9 (by content), 2 threads", Three(1.3), 35_400_000),
                new ArchiverRun("ours_one_core", "provisioning-dist, level 9, 1 thread", Three(2.5), 35_400_000),
                new ArchiverRun("tar_pigz", "tar | pigz -6 -p 2", Three(1.2), 35_250_000),
            ])
        {
            OursLevel = DeflateLevel.Smallest,
            Curve = [Level(8, 2.0, 36_300_000), Level(9, 2.5, 35_400_000)],
        };
        return new BenchmarkReport(
            new BenchmarkMachine(2, "Linux", ".NET 10.0.0", Start),
            3,
            series,
            synthetic,
            100_000_000,
            20,
            packaging,
            binaries,
            500,
            Measurement.Of([0.02, 0.021, 0.019]),
            4_400_000,
            Measurement.Of([0.1, 0.11, 0.09]));
    }
}
