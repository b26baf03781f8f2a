using System.CommandLine;
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
        var check = new Option<bool>("--check") { Description = $"Exit 1 when a goal is missed ({DiagnosticCodes.Benchmark.GoalMissed})." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be measured and where; run and write nothing." };
        var command = new Command(
            "benchmark",
            "Measure cold and warm CreateBundle, packaging against tar | gzip and tar "
                + "| pigz, fetch, validation and TOML parsing; check the speed goals.")
        {
            runs, output, work, components, payload, bundles, check, dryRun,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var paths = context.Paths;
            var options = new BenchmarkOptions(
                parse.GetValue(runs),
                Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(paths.Artifacts, "benchmark.json"), paths.Root),
                Path.GetFullPath(parse.GetValue(work) ?? Path.Combine(SourceCache.FolderFor(paths.Root), "benchmark"), paths.Root),
                parse.GetValue(components),
                parse.GetValue(payload) * 1_000_000L,
                parse.GetValue(bundles),
                TomlBundles: 20_000);
            var problems = new List<Diagnostic>();
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

            if (options.PayloadBytes is < 1_000_000 or > 4_000_000_000)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--payload-mb {options.PayloadBytes / 1_000_000} is out of range",
                    "give 1 to 4000 MB"));
            }

            if (options.ValidationBundles is < 1 or > 100_000)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Benchmark.OptionOutOfRange,
                    $"--validation-bundles {options.ValidationBundles} is out of range",
                    "give 1 to 100000"));
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
                    + "bundles, TOML parsing");
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
}
