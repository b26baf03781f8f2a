using Distribution.Core.Diagnostics;
using Distribution.Core.Rendering;
using Distribution.Pipeline;

namespace Distribution.Cli.Output;

/// <summary>
/// The reporter for logs: plain lines, no colour, no cursor movement. On GitHub Actions it also writes
/// annotations for diagnostics and appends to the job summary.
/// </summary>
public sealed class PlainReporter(
    SecretMasker masker, TextWriter output, TextWriter error, bool gitHubActions, string? stepSummaryPath) : IReporter
{
    private readonly Lock gate = new();

    public void Info(string message) => Write(output, message);

    public void Success(string message) => Write(output, message);

    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Write(error, DiagnosticFormatter.Format(diagnostic));
        if (gitHubActions)
        {
            Write(output, DiagnosticFormatter.FormatGitHubAnnotation(diagnostic));
        }
    }

    public void Table(TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Write(output, table.ToPlainText().TrimEnd('\n'));
    }

    public Task<T> WithProgressAsync<T>(string title, Func<IProgressSink, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Write(output, title);
        return work(new Sink(this));
    }

    public void StepSummary(string markdown)
    {
        if (!gitHubActions || string.IsNullOrEmpty(stepSummaryPath))
        {
            return;
        }

        lock (gate)
        {
            File.AppendAllText(stepSummaryPath, masker.Mask(markdown.EndsWith('\n') ? markdown : markdown + "\n"));
        }
    }

    private void Write(TextWriter writer, string text)
    {
        lock (gate)
        {
            writer.WriteLine(masker.Mask(text));
            writer.Flush();
        }
    }

    private sealed class Sink(PlainReporter reporter) : IProgressSink
    {
        public IProgressItem Start(string name)
        {
            reporter.Info($"  start  {name}");
            return new Item(reporter, name);
        }
    }

    private sealed class Item(PlainReporter reporter, string name) : IProgressItem
    {
        public void Done(string status) => reporter.Info($"  done   {name}: {status}");

        public void Failed(string status) => reporter.Info($"  FAILED {name}: {status}");
    }
}
