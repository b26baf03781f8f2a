using System.Globalization;
using System.Text.Json;
using Distribution.Core.Rendering;
using static System.FormattableString;

namespace Distribution.DevTools.Benchmarks;

/// <summary>The growth curve's goal, table and JSON (docs/benchmark.md#growth).</summary>
public sealed partial record BenchmarkReport
{
    private static BenchmarkGoal GrowthGoal(GrowthCurve growth)
    {
        var superlinear = growth.Superlinear;
        var steepest = growth.Steps.MaxBy(step => double.IsFinite(LastExponent(step)) ? LastExponent(step) : double.MinValue);
        return new BenchmarkGoal(
            "growth-linear",
            Invariant($"no step grows faster than linearly from {growth.Components[^2]} to {growth.Components[^1]} components ")
                + Invariant($"(exponent ≤ {GrowthCurve.SuperlinearExponent:0.00})"),
            superlinear.IsEmpty
                ? Invariant($"steepest: {steepest?.Label} {(steepest is null ? double.NaN : LastExponent(steepest)):0.00}")
                : "superlinear: " + string.Join(", ", superlinear.Select(step => Invariant($"{step.Label} {LastExponent(step):0.00}"))),
            superlinear.IsEmpty);
    }

    private static double LastExponent(GrowthStep step) => step.CpuExponents.IsEmpty ? double.NaN : step.CpuExponents[^1];

    /// <summary>Per step: seconds per component at each size (median run), the exponent between sizes, the judgement.</summary>
    private static TextTable GrowthTable(GrowthCurve growth, int runs)
    {
        var header = new List<string> { "step" };
        header.AddRange(growth.Components.Select(count => Invariant($"ms/component, {count}")));
        var pairs = growth.Components.Zip(growth.Components.Skip(1), (from, to) => Invariant($"{from}→{to}")).ToList();
        header.AddRange(pairs.Select(pair => "exponent " + pair));
        header.AddRange(pairs.Select(pair => "processor " + pair));
        header.Add("grows");
        var rows = growth.Steps.Select(step =>
        {
            var row = new List<string> { step.Label };
            row.AddRange(step.Sizes.Select(size => (size.SecondsPerComponent * 1000).ToString("0.00", CultureInfo.InvariantCulture)));
            row.AddRange(step.Exponents.Select(Exponent));
            row.AddRange(step.CpuExponents.Select(Exponent));
            row.Add(step.Superlinear ? "FASTER THAN LINEARLY" : "linearly or slower");
            return row.ToArray();
        });
        return TextTable.Create(
            Invariant($"Growth with the component count ({growth.PayloadBytesPerComponent / 1e3:0} KB per component, median of ")
                + Invariant($"{runs} runs; exponent 1 is linear, of the wall time and of the processor time, which judges)"),
            header,
            rows);
    }

    private static string Exponent(double exponent)
        => double.IsFinite(exponent) ? exponent.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static void WriteGrowth(Utf8JsonWriter writer, GrowthCurve growth)
    {
        writer.WriteStartObject("growth");
        writer.WriteNumber("payload_bytes_per_component", growth.PayloadBytesPerComponent);
        writer.WriteStartArray("components");
        foreach (var count in growth.Components)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteNumber("superlinear_exponent", GrowthCurve.SuperlinearExponent);
        writer.WriteStartObject("steps");
        foreach (var step in growth.Steps)
        {
            writer.WriteStartObject(step.Key);
            writer.WriteString("label", step.Label);
            writer.WriteStartArray("sizes");
            foreach (var size in step.Sizes)
            {
                writer.WriteStartObject();
                writer.WriteNumber("components", size.Components);
                WriteMeasurement(writer, "seconds", size.Seconds);
                WriteMeasurement(writer, "cpu_seconds", size.CpuSeconds);
                writer.WriteNumber("seconds_per_component", Round(size.SecondsPerComponent));
                writer.WriteNumber("cpu_seconds_per_component", Round(size.CpuSecondsPerComponent));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteExponents(writer, "exponents", step.Exponents);
            WriteExponents(writer, "cpu_exponents", step.CpuExponents);
            writer.WriteBoolean("superlinear", step.Superlinear);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteExponents(Utf8JsonWriter writer, string name, IEnumerable<double> exponents)
    {
        writer.WriteStartArray(name);
        foreach (var exponent in exponents)
        {
            if (double.IsFinite(exponent))
            {
                writer.WriteNumberValue(Round(exponent));
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }
}
