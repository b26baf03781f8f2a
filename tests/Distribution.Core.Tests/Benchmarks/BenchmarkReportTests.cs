using System.Text.Json;
using Distribution.Core.Benchmarks;
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
            oursSeconds: 1.0, oursBytes: 1010, pigzSeconds: 1.2, pigzBytes: 1000, warmSeconds: 0.5, warmCompressions: 0, busySeconds: 9.0);

        Assert.All(report.Goals, goal => Assert.True(goal.Met, goal.Goal + ": " + goal.Measured));
        Assert.Equal(
            ["packaging-vs-pigz", "warm-sample", "orchestration-sample", "warm-synthetic", "orchestration-synthetic"],
            report.Goals.Select(goal => goal.Key));
    }

    [Theory]
    [InlineData(1.0, 1010, 1.05, 1000, 0.5, 0, 9.0, "packaging-vs-pigz")]
    [InlineData(1.0, 1030, 1.2, 1000, 0.5, 0, 9.0, "packaging-vs-pigz")]
    [InlineData(1.0, 1010, 1.2, 1000, 1.5, 0, 9.0, "warm-sample")]
    [InlineData(1.0, 1010, 1.2, 1000, 0.5, 1, 9.0, "warm-sample")]
    [InlineData(1.0, 1010, 1.2, 1000, 0.5, 0, 8.0, "orchestration-sample")]
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
        var full = Report(1.0, 1000, 1.2, 1000, 0.5, 0, 9.0);
        var report = full with { Packaging = full.Packaging.WithoutPigz() };

        var goal = report.Goals.Single(item => item.Key == "packaging-vs-pigz");
        Assert.False(goal.Met);
        Assert.Contains("pigz is not installed", goal.Measured, StringComparison.Ordinal);
        Assert.Null(report.Packaging.MachineLimitMegabytesPerSecond);
    }

    [Fact]
    public void Json_report_holds_every_sample_statistic_and_goal()
    {
        var json = Report(1.0, 1010, 1.2, 1000, 0.5, 0, 9.0).ToJson();

        using var document = JsonDocument.Parse(json);
        Assert.Equal(5, document.RootElement.GetProperty("goals").GetArrayLength());
        Snapshot.Match(json);
    }

    [Fact]
    public void Tables_show_timings_packaging_side_by_side_and_goals()
    {
        var tables = Report(1.0, 1010, 1.2, 1000, 0.5, 0, 9.0).Tables();

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
        var packaging = new PackagingComparison(
            "the synthetic payload (100.0 MB, 20 components × 4 targets)",
            100_000_000,
            2,
            [
                new ArchiverRun("ours", "provisioning-dist, level 6, 2 threads", Measurement.Of([oursSeconds]), oursBytes),
                new ArchiverRun("ours_one_core", "provisioning-dist, level 6, 1 thread", Measurement.Of([oursSeconds * 1.9]), oursBytes),
                new ArchiverRun("tar_gzip", "tar | gzip -6", Measurement.Of([pigzSeconds * 2]), pigzBytes + 5),
                new ArchiverRun("tar_pigz", "tar | pigz -6 -p 2", Measurement.Of([pigzSeconds]), pigzBytes),
                new ArchiverRun("zlib_one_core", "tar | pigz -6 -p 1 (one core's zlib)", Measurement.Of([pigzSeconds * 1.8]), pigzBytes),
            ]);
        var binaries = new PackagingComparison(
            "compiled binaries (this machine's .NET runtime, 80.0 MB)",
            80_000_000,
            2,
            [
                new ArchiverRun("ours", "provisioning-dist, level 6, 2 threads", Measurement.Of([0.5]), 36_500_000),
                new ArchiverRun("ours_smallest", "provisioning-dist, level 9, 2 threads", Measurement.Of([1.3]), 35_200_000),
                new ArchiverRun("tar_pigz", "tar | pigz -6 -p 2", Measurement.Of([1.2]), 35_250_000),
            ]);
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
