using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Core.Benchmarks;
using Distribution.DevTools.Benchmarks;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class GrowthCurveTests
{
    [Theory]
    [InlineData(20, 1.0, 80, 4.0, 1.0)]
    [InlineData(20, 1.0, 80, 16.0, 2.0)]
    [InlineData(80, 2.0, 320, 2.0, 0.0)]
    [InlineData(80, 4.0, 320, 8.0, 0.5)]
    public void Exponent_is_the_power_through_two_sizes(int fromCount, double fromSeconds, int toCount, double toSeconds, double expected)
        => Assert.Equal(expected, GrowthCurve.Exponent(fromCount, fromSeconds, toCount, toSeconds), precision: 9);

    [Theory]
    [InlineData(20, 0.0, 80, 1.0)]
    [InlineData(20, 1.0, 80, 0.0)]
    [InlineData(20, 1.0, 20, 2.0)]
    [InlineData(20, double.NaN, 80, 2.0)]
    public void Exponent_is_not_a_number_when_nothing_can_be_fitted(int fromCount, double fromSeconds, int toCount, double toSeconds)
        => Assert.True(double.IsNaN(GrowthCurve.Exponent(fromCount, fromSeconds, toCount, toSeconds)));

    [Fact]
    public void A_step_is_superlinear_when_its_largest_sizes_grow_faster_than_the_margin()
    {
        Assert.False(GrowthCurve.IsSuperlinear([]));
        Assert.False(GrowthCurve.IsSuperlinear([double.NaN]));
        Assert.False(GrowthCurve.IsSuperlinear([0.6, 1.0]));
        Assert.False(GrowthCurve.IsSuperlinear([1.1, GrowthCurve.SuperlinearExponent]));
        Assert.True(GrowthCurve.IsSuperlinear([0.7, 1.3]));
        Assert.True(GrowthCurve.IsSuperlinear([0.7, 2.0, double.NaN]));

        // Fixed costs flatten the small sizes: a steep start that levels off at the large end is not superlinear.
        Assert.False(GrowthCurve.IsSuperlinear([1.6, 1.0]));
    }

    [Fact]
    public void Curve_names_the_steps_that_grow_faster_than_linearly()
    {
        var curve = Curve(linear: [1.0, 4.0, 16.0], quadratic: [0.5, 8.0, 128.0]);

        Assert.Equal(["quadratic"], curve.Superlinear.Select(step => step.Key));
        Assert.Equal([2.0, 2.0], curve.Steps[1].CpuExponents.Select(exponent => Math.Round(exponent, 9)));
        Assert.Equal([1.0, 1.0], curve.Steps[0].Exponents.Select(exponent => Math.Round(exponent, 9)));
        Assert.Equal([2.0, 2.0], curve.Steps[1].Exponents.Select(exponent => Math.Round(exponent, 9)));
        Assert.Equal(50.0, curve.Steps[0].Sizes[0].SecondsPerComponent * 1000, precision: 9);
    }

    [Fact]
    public void Report_has_the_growth_goal_table_and_json_only_when_a_curve_was_measured()
    {
        var report = Report(Curve(linear: [1.0, 4.0, 16.0], quadratic: [0.5, 8.0, 128.0]));

        var goal = report.Goals.Single(item => item.Key == "growth-linear");
        Assert.False(goal.Met);
        Assert.Contains("superlinear: quadratic step 2.00", goal.Measured, StringComparison.Ordinal);
        var table = report.Tables().Single(item => item.Title.StartsWith("Growth", StringComparison.Ordinal)).ToPlainText();
        Assert.Matches(
            @"(?m)^quadratic step\s+25\.00\s+100\.00\s+400\.00\s+2\.00\s+2\.00\s+2\.00\s+2\.00\s+FASTER THAN LINEARLY\s*$", table);
        Assert.Matches(@"(?m)^linear step\s+50\.00\s+50\.00\s+50\.00\s+1\.00\s+1\.00\s+1\.00\s+1\.00\s+linearly or slower\s*$", table);
        using var json = JsonDocument.Parse(report.ToJson());
        var growth = json.RootElement.GetProperty("growth");
        Assert.Equal([20, 80, 320], growth.GetProperty("components").EnumerateArray().Select(item => item.GetInt32()));
        Assert.True(growth.GetProperty("steps").GetProperty("quadratic").GetProperty("superlinear").GetBoolean());
        Assert.Equal(2.0, growth.GetProperty("steps").GetProperty("quadratic").GetProperty("exponents")[1].GetDouble(), precision: 6);

        var linear = Report(Curve(linear: [1.0, 4.0, 16.0], quadratic: [1.0, 4.0, 16.0]));
        Assert.True(linear.Goals.Single(item => item.Key == "growth-linear").Met);

        var without = Report(null);
        Assert.DoesNotContain(without.Goals, item => item.Key == "growth-linear");
        Assert.False(JsonDocument.Parse(without.ToJson()).RootElement.TryGetProperty("growth", out _));
    }

    [Fact]
    public void Processor_time_judges_so_a_busy_machine_does_not_make_a_step_superlinear()
    {
        ImmutableArray<GrowthSample> sizes =
        [
            new(80, Measurement.Of([1.0]), Measurement.Of([0.8])),
            new(320, Measurement.Of([16.0]), Measurement.Of([3.2])),
        ];
        var step = new GrowthStep("warm", "warm CreateBundle", sizes);

        Assert.Equal(2.0, step.Exponents[0], precision: 9);
        Assert.Equal(1.0, step.CpuExponents[0], precision: 9);
        Assert.False(step.Superlinear);
        Assert.True((step with { Sizes = [sizes[0], sizes[1] with { CpuSeconds = Measurement.Of([12.8]) }] }).Superlinear);
    }

    private static GrowthCurve Curve(double[] linear, double[] quadratic)
    {
        ImmutableArray<int> counts = [20, 80, 320];
        ImmutableArray<GrowthSample> Sizes(double[] seconds)
            => [.. counts.Zip(seconds, (count, median) => new GrowthSample(
                count, Measurement.Of([median * 0.9, median, median * 1.1]), Measurement.Of([median * 0.5])))];
        return new GrowthCurve(
            300_000,
            counts,
            [new GrowthStep("linear", "linear step", Sizes(linear)), new GrowthStep("quadratic", "quadratic step", Sizes(quadratic))]);
    }

    private static BenchmarkReport Report(GrowthCurve? growth)
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var run = new TimedRun(1.0, new BuildTimings([]));
        var series = new CreateBundleSeries("synthetic-20", [run], [run with { Seconds = 0.05 }], Measurement.Of([0.1]));
        var packaging = new PackagingComparison(
            "the synthetic payload",
            1_000_000,
            2,
            [new ArchiverRun("ours", "provisioning-dist, level 6, 2 threads", Measurement.Of([1.0]), 1000)]);
        return new BenchmarkReport(
            new BenchmarkMachine(2, "Linux", ".NET 10.0.0", start),
            3,
            series,
            series,
            1_000_000,
            20,
            packaging,
            null,
            500,
            Measurement.Of([0.02]),
            4_400_000,
            Measurement.Of([0.1]),
            growth);
    }
}
