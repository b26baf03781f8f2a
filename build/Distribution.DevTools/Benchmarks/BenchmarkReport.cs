using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Core.Rendering;
using static System.FormattableString;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// Everything one benchmark run measured, the goals checked against it (<see cref="Goals"/>), and its two
/// renderings: tables for people and <c>artifacts/benchmark.json</c> for machines (docs/benchmark.md).
/// </summary>
public sealed partial record BenchmarkReport(
    BenchmarkMachine Machine,
    int Runs,
    CreateBundleSeries Sample,
    CreateBundleSeries Synthetic,
    long SyntheticPayloadBytes,
    int SyntheticComponents,
    PackagingComparison Packaging,
    PackagingComparison? Binaries,
    int ValidationBundles,
    Measurement ValidationSeconds,
    long TomlBytes,
    Measurement TomlSeconds,
    GrowthCurve? Growth = null)
{
    public const double SpeedupGoal = 1.8;
    public const double SizeGoal = PackagingComparison.SizeBudget;
    public const double ThreadScalingGoal = 1.8;
    public const double WarmGoal = 0.10;
    public const double OrchestrationGoal = 0.15;

    /// <summary>A size difference as a signed percentage: +0.49%, -0.33%.</summary>
    private const string SignedPercent = "+0.00%;-0.00%";

    public Measurement TomlMegabytesPerSecond => TomlSeconds.MegabytesPerSecond(TomlBytes);

    public ImmutableArray<BenchmarkGoal> Goals
    {
        get
        {
            var goals = ImmutableArray.CreateBuilder<BenchmarkGoal>();
            goals.Add(PackagingGoal(Packaging));
            goals.Add(ThreadsGoal(Packaging));
            foreach (var (key, series) in new[] { ("sample", Sample), ("synthetic", Synthetic) })
            {
                goals.Add(new BenchmarkGoal(
                    $"warm-{key}",
                    Invariant($"{key}: warm CreateBundle < {WarmGoal:P0} of cold, with zero builds and compressions"),
                    Invariant($"{series.WarmOverCold:P1} of cold, {series.WarmBuilds} build(s), {series.WarmCompressions} compression(s)"),
                    series.WarmOverCold < WarmGoal && series.WarmBuilds == 0 && series.WarmCompressions == 0));
                goals.Add(new BenchmarkGoal(
                    $"orchestration-{key}",
                    Invariant($"{key}: orchestration < {OrchestrationGoal:P0} of a cold CreateBundle"),
                    Invariant($"{series.OrchestrationShare:P1} ({series.OrchestrationSeconds.Median:0.00} s of ")
                        + Invariant($"{series.ColdSeconds.Median:0.00} s)"),
                    series.OrchestrationShare < OrchestrationGoal));
            }

            if (Growth is not null)
            {
                goals.Add(GrowthGoal(Growth));
            }

            return goals.ToImmutable();
        }
    }

    /// <summary>
    /// Packaging ≥ <see cref="SpeedupGoal"/>× tar | pigz (the median of the runs' ratios), output ≤ <see cref="SizeGoal"/> larger.
    /// </summary>
    private static BenchmarkGoal PackagingGoal(PackagingComparison packaging)
    {
        var pigz = packaging.Pigz?.Label ?? "tar | pigz";
        var goal = Invariant($"packaging ≥ {SpeedupGoal:0.0#}× faster than {pigz}, output ≤ {SizeGoal:P0} larger ")
            + "(median of the runs' ratios)";
        return packaging.SpeedupOverPigz is { } speedup && packaging.SizeOverPigz is { } size
            ? new BenchmarkGoal(
                "packaging-vs-pigz",
                goal,
                Invariant($"{Spread(speedup)} faster, {size.ToString(SignedPercent, CultureInfo.InvariantCulture)} size"),
                speedup.Median >= SpeedupGoal && size <= SizeGoal)
            : new BenchmarkGoal("packaging-vs-pigz", goal, "not measured: pigz is not installed (apt-get install pigz)", false);
    }

    /// <summary>Ours on every core ≥ <see cref="ThreadScalingGoal"/>× itself on one thread (median of the runs' ratios).</summary>
    private static BenchmarkGoal ThreadsGoal(PackagingComparison packaging)
    {
        var goal = Invariant($"packaging on {packaging.Cores} threads ≥ {ThreadScalingGoal:0.0#}× our own on one thread (median)");
        return packaging.Cores >= 2 && packaging.ThreadScaling is { } scaling
            ? new BenchmarkGoal("packaging-threads", goal, Invariant($"{Spread(scaling)} faster"), scaling.Median >= ThreadScalingGoal)
            : new BenchmarkGoal("packaging-threads", goal, "not measured: one core, or no one-thread run", false);
    }

    /// <summary>A ratio's median and its spread over the runs: 1.52× (1.47–1.58).</summary>
    private static string Spread(Measurement ratio) =>
        ratio.Samples.Length > 1
            ? Invariant($"{ratio.Median:0.00}× ({ratio.Min:0.00}–{ratio.Max:0.00})")
            : Invariant($"{ratio.Median:0.00}×");

    /// <summary>The tables a person reads: timings (median, min, max), packaging side by side, goals.</summary>
    public ImmutableArray<TextTable> Tables()
    {
        string[] Row(
            string what, Measurement measurement, string unit, string format = "0.000") => [what, .. Cells(measurement, format), unit];
        var timings = new List<string[]>();
        foreach (var (name, series) in new[] { ("sample", Sample), ("synthetic", Synthetic) })
        {
            timings.Add(Row(
                $"{name}: cold CreateBundle ({series.ColdBuilds} builds, {series.ColdCompressions} compressions)",
                series.ColdSeconds,
                "s"));
            timings.Add(Row(
                $"{name}: warm CreateBundle ({series.WarmBuilds} builds, {series.WarmCompressions} compressions)",
                series.WarmSeconds,
                "s"));
            timings.Add(Row($"{name}: orchestration in cold runs", series.OrchestrationSeconds, "s"));
            timings.Add(Row($"{name}: fetch, mirrors warm", series.FetchWarmSeconds, "s"));
        }

        timings.Add(Row(
            $"validate versions.toml with {ValidationBundles} bundles", ValidationSeconds.Select(seconds => seconds * 1000), "ms", "0.0"));
        timings.Add(Row(Invariant($"TOML parse ({TomlBytes / 1e6:0.0} MB)"), TomlMegabytesPerSecond, "MB/s", "0.0"));

        var tables = new List<TextTable>
        {
            TextTable.Create(
                Invariant($"Benchmark: median, min and max of {Runs} runs on {Machine.Cores} cores, {Machine.Runtime}"),
                ["measurement", "median", "min", "max", "unit"],
                timings)
        };
        tables.Add(PackagingTable(Packaging, Invariant($"Packaging {Packaging.Title}, {Runs} runs, {Packaging.Cores} cores")));
        if (CurveTable(Packaging) is { } curve)
        {
            tables.Add(curve);
        }

        if (Binaries is not null)
        {
            tables.Add(PackagingTable(
                Binaries, Invariant($"Packaging {Binaries.Title}, {Runs} runs, {Binaries.Cores} cores (for information: no goal)")));
            if (CurveTable(Binaries) is { } binariesCurve)
            {
                tables.Add(binariesCurve);
            }
        }

        if (Growth is not null)
        {
            tables.Add(GrowthTable(Growth, Runs));
        }

        tables.Add(TextTable.Create(
            "Goals", ["goal", "measured", "met"], Goals.Select(goal => new[] { goal.Goal, goal.Measured, goal.Met ? "yes" : "NO" })));
        return [.. tables];
    }

    private static TextTable PackagingTable(PackagingComparison comparison, string title)
    {
        var rows = comparison.Runs.Select<ArchiverRun, string[]>(run =>
        [
            run.Label,
            .. Cells(run.Seconds, "0.000"),
            run.MegabytesPerSecond(comparison.InputBytes).Median.ToString("0.0", CultureInfo.InvariantCulture),
            run.OutputBytes.ToString("N0", CultureInfo.InvariantCulture),
            comparison.SpeedupOverPigzOf(run) is { } speedup && comparison.SizeOverPigzOf(run) is { } size
                ? Invariant($"{Spread(speedup)}, {size.ToString(SignedPercent, CultureInfo.InvariantCulture)}")
                : "–",
        ]).ToList();
        if (comparison.MachineLimitMegabytesPerSecond is { } limit && comparison.ChosenLevel is { } chosen && comparison.Ours is { } ours)
        {
            rows.Add([
                Invariant($"machine limit: our level {chosen.Level} on one thread × {comparison.Cores}"),
                "",
                "",
                "",
                limit.ToString("0.0", CultureInfo.InvariantCulture),
                "",
                Invariant($"ours at {ours.MegabytesPerSecond(comparison.InputBytes).Median / limit:P0}")]);
        }

        return TextTable.Create(
            title, ["archiver", "median s", "min s", "max s", "MB/s", "bytes", "vs pigz (speed: median (min–max) of runs, size)"], rows);
    }

    /// <summary>Ours at each level on one thread against pigz -6's size; which level is fastest within the budget.</summary>
    private static TextTable? CurveTable(PackagingComparison comparison)
    {
        if (comparison.Curve.IsEmpty)
        {
            return null;
        }

        var chosen = comparison.ChosenLevel;
        var rows = comparison.Curve.Select<LevelPoint, string[]>(point =>
        [
            point.Level.ToString(),
            .. Cells(point.Seconds, "0.000"),
            point.MegabytesPerSecond(comparison.InputBytes).Median.ToString("0.0", CultureInfo.InvariantCulture),
            point.OutputBytes.ToString("N0", CultureInfo.InvariantCulture),
            comparison.SizeOverPigzOf(point) is { } size ? size.ToString("+0.000%;-0.000%", CultureInfo.InvariantCulture) : "–",
            comparison.SizeOverPigzOf(point) is { } over ? (over <= SizeGoal ? "yes" : "no") + (point == chosen ? ", fastest" : "") : "–",
        ]);
        var choice = chosen is null
            ? "no level within the budget (or no pigz)"
            : Invariant($"fastest within {SizeGoal:P0}: level {chosen.Level}");
        return TextTable.Create(
            Invariant($"Levels on {comparison.Title}, one thread: {choice}; ours chose level {comparison.OursLevel} by content"),
            ["level", "median s", "min s", "max s", "MB/s", "bytes", "size vs pigz -6", Invariant($"within {SizeGoal:P0}")],
            rows);
    }

    /// <summary>artifacts/benchmark.json: every sample, the statistics, and the goals (docs/benchmark.md).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(
            stream,
            new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema", 2);
            writer.WriteStartObject("machine");
            writer.WriteNumber("cores", Machine.Cores);
            writer.WriteString("os", Machine.OperatingSystem);
            writer.WriteString("runtime", Machine.Runtime);
            writer.WriteString("date", Machine.Date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteNumber("runs", Runs);

            writer.WriteStartObject("sample");
            WriteSeries(writer, Sample);
            writer.WriteEndObject();
            writer.WriteStartObject("synthetic");
            WriteSeries(writer, Synthetic);
            writer.WriteNumber("payload_bytes", SyntheticPayloadBytes);
            writer.WriteNumber("components", SyntheticComponents);
            writer.WriteEndObject();

            WritePackaging(writer, "packaging", Packaging);
            if (Binaries is not null)
            {
                WritePackaging(writer, "packaging_binaries", Binaries);
            }

            writer.WriteStartObject("validation");
            writer.WriteNumber("bundles", ValidationBundles);
            WriteMeasurement(writer, "seconds", ValidationSeconds);
            writer.WriteEndObject();

            writer.WriteStartObject("toml_parse");
            writer.WriteNumber("bytes", TomlBytes);
            WriteMeasurement(writer, "seconds", TomlSeconds);
            WriteMeasurement(writer, "mb_per_s", TomlMegabytesPerSecond);
            writer.WriteEndObject();

            if (Growth is not null)
            {
                WriteGrowth(writer, Growth);
            }

            writer.WriteStartArray("goals");
            foreach (var goal in Goals)
            {
                writer.WriteStartObject();
                writer.WriteString("key", goal.Key);
                writer.WriteString("goal", goal.Goal);
                writer.WriteString("measured", goal.Measured);
                writer.WriteBoolean("met", goal.Met);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WritePackaging(Utf8JsonWriter writer, string name, PackagingComparison comparison)
    {
        writer.WriteStartObject(name);
        writer.WriteString("title", comparison.Title);
        writer.WriteNumber("input_bytes", comparison.InputBytes);
        writer.WriteNumber("cores", comparison.Cores);
        foreach (var run in comparison.Runs)
        {
            writer.WriteStartObject(run.Key);
            writer.WriteString("label", run.Label);
            WriteMeasurement(writer, "seconds", run.Seconds);
            WriteMeasurement(writer, "mb_per_s", run.MegabytesPerSecond(comparison.InputBytes));
            writer.WriteNumber("output_bytes", run.OutputBytes);
            writer.WriteEndObject();
        }

        writer.WriteNumber("ours_level", comparison.OursLevel.Number);
        writer.WriteStartArray("curve");
        foreach (var point in comparison.Curve)
        {
            writer.WriteStartObject();
            writer.WriteNumber("level", point.Level.Number);
            WriteMeasurement(writer, "seconds", point.Seconds);
            WriteMeasurement(writer, "mb_per_s", point.MegabytesPerSecond(comparison.InputBytes));
            writer.WriteNumber("output_bytes", point.OutputBytes);
            WriteNullable(writer, "size_over_pigz", comparison.SizeOverPigzOf(point));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteNullable(writer, "chosen_level", comparison.ChosenLevel?.Level.Number);
        WriteNullableMeasurement(writer, "speedup_over_pigz", comparison.SpeedupOverPigz);
        WriteNullable(writer, "size_over_pigz", comparison.SizeOverPigz);
        WriteNullableMeasurement(writer, "thread_scaling", comparison.ThreadScaling);
        WriteNullable(writer, "machine_limit_mb_per_s", comparison.MachineLimitMegabytesPerSecond);
        writer.WriteEndObject();
    }

    private static void WriteNullableMeasurement(Utf8JsonWriter writer, string name, Measurement? measurement)
    {
        if (measurement is not null)
        {
            WriteMeasurement(writer, name, measurement);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteSeries(Utf8JsonWriter writer, CreateBundleSeries series)
    {
        writer.WriteString("bundle", series.Bundle);
        writer.WriteNumber("archives", series.Archives);
        WriteMeasurement(writer, "cold_seconds", series.ColdSeconds);
        WriteMeasurement(writer, "warm_seconds", series.WarmSeconds);
        WriteMeasurement(writer, "orchestration_seconds", series.OrchestrationSeconds);
        WriteMeasurement(writer, "fetch_warm_seconds", series.FetchWarmSeconds);
        writer.WriteNumber("warm_over_cold", Round(series.WarmOverCold));
        writer.WriteNumber("orchestration_share", Round(series.OrchestrationShare));
        writer.WriteNumber("cold_builds", series.ColdBuilds);
        writer.WriteNumber("cold_compressions", series.ColdCompressions);
        writer.WriteNumber("warm_builds", series.WarmBuilds);
        writer.WriteNumber("warm_compressions", series.WarmCompressions);
    }

    private static void WriteMeasurement(Utf8JsonWriter writer, string name, Measurement measurement)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("median", Round(measurement.Median));
        writer.WriteNumber("min", Round(measurement.Min));
        writer.WriteNumber("max", Round(measurement.Max));
        writer.WriteStartArray("samples");
        foreach (var sample in measurement.Samples)
        {
            writer.WriteNumberValue(Round(sample));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, Round(number));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 6) : 0;

    /// <summary>Median, min and max, each in <paramref name="format"/>: the cells of a timing row.</summary>
    private static string[] Cells(Measurement measurement, string format) =>
        [
            measurement.Median.ToString(format, CultureInfo.InvariantCulture),
            measurement.Min.ToString(format, CultureInfo.InvariantCulture),
            measurement.Max.ToString(format, CultureInfo.InvariantCulture)];
}
