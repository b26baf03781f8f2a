using System.CommandLine;
using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Testing;

namespace Distribution.Cli.Commands;

/// <summary><c>test-report DIR</c>: sums the .trx files of a test run and prints the closing line <c>N passed, N failed[, N skipped]</c>.</summary>
public sealed class TestReportCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var directory = new Argument<string>("results") { Description = "The folder holding the .trx files of the run." };
        var command = new Command("test-report", "Sum the .trx files of a test run and print 'N passed, N failed[, N skipped]'.") { directory };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var folder = parse.GetValue(directory)!;
            if (!Directory.Exists(folder))
            {
                throw UserErrorException.Of("PD0010", $"no test results in '{folder}'", "run the tests first: ./build.sh --target=Test");
            }

            var summary = TestRunSummary.Empty;
            foreach (var file in Directory.EnumerateFiles(folder, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                summary = summary.Add(TestRunSummary.FromTrx(await File.ReadAllTextAsync(file, token).ConfigureAwait(false)));
            }

            foreach (var failed in summary.FailedTests)
            {
                context.Reporter.Info($"failed: {failed}");
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
