using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Distribution.Adapters.Files;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Core.Benchmarks;
using Distribution.Core.Diagnostics;
using Distribution.DevTools.Benchmarks;
using Distribution.Pipeline;

namespace Distribution.DevTools.Commands;

/// <summary>
/// <c>benchmark</c>: measures the pipeline against the tools people would use instead and checks the speed goals
/// (docs/benchmark.md). Prints tables and writes <c>artifacts/benchmark.json</c>; <c>--check</c> makes a missed goal
/// an error. Never part of the test suite.
/// </summary>
public sealed class BenchmarkCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var runs = new Option<int>("--runs")
        {
            Description = "Runs of every measurement (median, min and max are reported).",
            DefaultValueFactory = _ => 5
        };
        var output = new Option<string>("--output") { Description = "The JSON report (default: artifacts/benchmark.json)." };
        var work = new Option<string>("--work")
        {
            Description = "Where the benchmark keeps its caches, generated repositories and archives (default: .cache/benchmark)."
        };
        var components = new Option<int>("--components")
        {
            Description = "Components of the synthetic bundle (core, platform, workspace and extensions).",
            DefaultValueFactory = _ => 20
        };
        var payload = new Option<int>("--payload-mb")
        {
            Description = "Payload of the synthetic bundle in MB, over all components and targets.",
            DefaultValueFactory = _ => 100
        };
        var bundles = new Option<int>("--validation-bundles")
        {
            Description = "Bundles in the versions.toml the validator is timed on.",
            DefaultValueFactory = _ => 500
        };
        var growth = new Option<string>("--growth")
        {
            Description = "Component counts of the growth curve's synthetic bundles, comma-separated (none: no curve).",
            DefaultValueFactory = _ => "20,80,320"
        };
        var growthPayload = new Option<int>("--growth-payload-kb")
        {
            Description = "Payload per component of the growth curve's bundles in KB, over its targets (the same at every size).",
            DefaultValueFactory = _ => 300
        };
        var check = new Option<bool>("--check") { Description = $"Exit 1 when a goal is missed ({DiagnosticCodes.Benchmark.GoalMissed})." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be measured and where; run and write nothing." };
        var command = new Command(
            "benchmark",
            "Measure cold and warm CreateBundle, packaging against tar | gzip and tar "
                + "| pigz, fetch, validation and TOML parsing; check the speed goals.")
        {
            runs, output, work, components, payload, bundles, growth, growthPayload, check, dryRun,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var paths = context.Paths;
            var problems = new List<Diagnostic>();
            var growthCounts = GrowthCounts(parse.GetValue(growth), problems);
            var options = new BenchmarkOptions(
                parse.GetValue(runs),
                Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(paths.Artifacts, "benchmark.json"), paths.Root),
                Path.GetFullPath(parse.GetValue(work) ?? Path.Combine(SourceCache.FolderFor(paths.Root), "benchmark"), paths.Root),
                parse.GetValue(components),
                parse.GetValue(payload) * 1_000_000L,
                parse.GetValue(bundles),
                TomlBundles: 20_000,
                growthCounts,
                parse.GetValue(growthPayload) * 1_000L);
            if (options.Runs is < 1 or > 100)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--runs {options.Runs} is out of range",
                    "give 1 to 100 runs (3 or more for a meaningful median)"));
            }

            if (options.Components is < 4 or > 200)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--components {options.Components} is out of range",
                    "give 4 to 200 (core, platform, workspace and at least one extension)"));
            }

            // The synthetic bundle needs at least 1 MiB (SyntheticBundle.Create): 1 MB is less.
            if (options.PayloadBytes is < 2_000_000 or > 4_000_000_000)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--payload-mb {options.PayloadBytes / 1_000_000} is out of range",
                    "give 2 to 4000 MB"));
            }

            if (options.ValidationBundles is < 1 or > 100_000)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--validation-bundles {options.ValidationBundles} is out of range",
                    "give 1 to 100000"));
            }

            if (options.GrowthBytesPerComponent is < 300_000 or > 50_000_000)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--growth-payload-kb {options.GrowthBytesPerComponent / 1_000} is out of range",
                    "give 300 to 50000 KB per component"));
            }

            if (problems.Count > 0)
            {
                throw new UserErrorException(problems);
            }

            if (parse.GetValue(dryRun))
            {
                context.Reporter.Info($"would measure, {options.Runs} run(s) each: fetch with warm mirrors, cold and warm "
                    + $"create-bundle of the sample's default bundle and of a synthetic bundle ({options.Components} "
                    + $"components × 4 targets, {options.PayloadBytes / 1e6:0} MB), packaging against tar | gzip -6, "
                    + $"tar | pigz and tar | zstd with our zlib-ng levels 1 to 9, validation of {options.ValidationBundles} "
                    + "bundles, TOML parsing"
                    + (options.GrowthComponents.IsEmpty
                        ? string.Empty
                        : $"; the growth curve on {string.Join(", ", options.GrowthComponents)} components of "
                            + $"{options.GrowthBytesPerComponent / 1e3:0} KB each (fetch, cold and warm create-bundle, "
                            + "assemble, publish)"));
                context.Reporter.Info($"would work in {paths.Display(options.Work)} and write {paths.Display(options.Output)}");
                context.Reporter.Success("dry run: nothing was run or written");
                return CommandRunner.Ok;
            }

            var report = await new BenchmarkRunner(context, options).RunAsync(token).ConfigureAwait(false);
            await OutputFiles.WriteAllTextAsync(options.Output, report.ToJson(), "--output", token).ConfigureAwait(false);
            foreach (var table in report.Tables())
            {
                context.Reporter.Table(table);
                context.Reporter.StepSummary(table.ToMarkdown());
            }

            var missed = report.Goals.Where(goal => !goal.Met).Select(goal => parse.GetValue(check)
                ? Diagnostic.Error(
                    DiagnosticCodes.Benchmark.GoalMissed,
                    $"goal missed: {goal.Goal} (measured: {goal.Measured})",
                    "see docs/benchmark.md for what each goal measures")
                : Diagnostic.Warning(
                    DiagnosticCodes.Benchmark.GoalMissed,
                    $"goal missed: {goal.Goal} (measured: {goal.Measured})",
                    "see docs/benchmark.md for what each goal measures"))
                .ToList();
            if (missed.Count > 0 && parse.GetValue(check))
            {
                throw new UserErrorException(missed);
            }

            foreach (var warning in missed)
            {
                context.Reporter.Report(warning);
            }

            context.Reporter.Success($"benchmark written to {paths.Display(options.Output)}: "
                + $"{report.Goals.Count(goal => goal.Met)} of {report.Goals.Length} goals met");
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>The counts of --growth, smallest first; each 4 to 1000, at least two of them, or none.</summary>
    private static ImmutableArray<int> GrowthCounts(string? text, List<Diagnostic> problems)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none")
        {
            return [];
        }

        var counts = new SortedSet<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 4 and <= 1000)
            {
                counts.Add(count);
            }
            else
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--growth has '{item}', which is not a component count from 4 to 1000",
                    "give counts such as --growth=20,80,320, or --growth=none"));
            }
        }

        if (counts.Count == 1)
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Benchmark.OptionOutOfRange,
                $"--growth has one count ({counts.Min}); a curve needs two or more",
                "give counts such as --growth=20,80,320, or --growth=none"));
        }

        return [.. counts];
    }
}
