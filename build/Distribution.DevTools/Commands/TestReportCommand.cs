using System.CommandLine;
using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.DevTools.Testing;

namespace Distribution.DevTools.Commands;

/// <summary>
/// <c>test-report DIR [--expect NAME,…]</c>: sums the .trx files of a test run and prints the closing line
/// <c>N passed, N failed[, N skipped]</c>. A project whose run did not complete, or an expected project without its
/// <c>NAME.trx</c>, counts as a failure and is named on a line before it.
/// </summary>
public sealed class TestReportCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var directory = new Argument<string>("results") { Description = "The folder holding the .trx files of the run." };
        var expect = new Option<string?>("--expect")
        {
            Description = "Comma-separated names of the test projects that ran; each must have left NAME.trx."
        };
        var command = new Command(
            "test-report", "Sum the .trx files of a test run and print 'N passed, N failed[, N skipped]'.") { directory, expect };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var folder = parse.GetValue(directory)!;
            if (!Directory.Exists(folder))
            {
                throw UserErrorException.Of(
                    DiagnosticCodes.Tool.NoTestResults, $"no test results in '{folder}'", "run the tests first: ./build.sh --target=Test");
            }

            var summary = TestRunSummary.Empty;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var run = Path.GetFileNameWithoutExtension(file);
                seen.Add(run);
                summary = summary.Add(TestRunSummary.FromTrx(await File.ReadAllTextAsync(file, token).ConfigureAwait(false), run));
            }

            var expected = (parse.GetValue(expect) ?? string.Empty).Split(
                ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var run in expected.Distinct(StringComparer.Ordinal).Where(run => !seen.Contains(run)))
            {
                summary = summary.Add(TestRunSummary.Missing(run, run + ".trx"));
            }

            foreach (var failed in summary.FailedTests)
            {
                context.Reporter.Info($"failed: {failed}");
            }

            foreach (var problem in summary.Problems)
            {
                context.Reporter.Report(problem);
            }

            var line = summary.ClosingLine();
            await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "summary.txt"), line + "\n", token).ConfigureAwait(false);
            context.Reporter.StepSummary($"### Tests\n\n{line}\n");
            context.Reporter.Info(line);
            return summary.Failed == 0 && summary.Total > 0 ? CommandRunner.Ok : CommandRunner.UserError;
        }, cancellationToken));
        return command;
    }
}
