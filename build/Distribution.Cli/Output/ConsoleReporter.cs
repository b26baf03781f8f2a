using Distribution.Core.Diagnostics;
using Distribution.Core.Rendering;
using Distribution.Pipeline;
using Spectre.Console;

namespace Distribution.Cli.Output;

/// <summary>The reporter for an interactive terminal: colours, Spectre.Console tables and live progress.</summary>
public sealed class ConsoleReporter(SecretMasker masker) : IReporter
{
    private readonly IAnsiConsole console = AnsiConsole.Console;

    public void Info(string message) => console.MarkupLineInterpolated($"{masker.Mask(message)}");

    public void Success(string message) => console.MarkupLineInterpolated($"[green]{masker.Mask(message)}[/]");

    public void Report(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var colour = diagnostic.IsError ? "red" : "yellow";
        var line = masker.Mask(DiagnosticFormatter.Format(diagnostic));
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        error.MarkupLine($"[{colour}]{Markup.Escape(line)}[/]");
    }

    public void Table(TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rendered = new Table().Border(TableBorder.Rounded);
        if (table.Title.Length > 0)
        {
            rendered.Title(Markup.Escape(masker.Mask(table.Title)));
        }

        foreach (var header in table.Headers)
        {
            rendered.AddColumn(Markup.Escape(header));
        }

        foreach (var row in table.Rows)
        {
            rendered.AddRow([.. row.Select(cell => Markup.Escape(masker.Mask(cell)))]);
        }

        console.Write(rendered);
    }

    public async Task<T> WithProgressAsync<T>(string title, Func<IProgressSink, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        console.MarkupLineInterpolated($"[bold]{masker.Mask(title)}[/]");
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(new Sink(context, masker))).ConfigureAwait(false);
    }

    public void StepSummary(string markdown)
    {
        // Terminals have no job summary; see PlainReporter for GitHub Actions.
    }

    private sealed class Sink(ProgressContext context, SecretMasker masker) : IProgressSink
    {
        public IProgressItem Start(string name)
        {
            var task = context.AddTask(Markup.Escape(masker.Mask(name)), maxValue: 1);
            task.IsIndeterminate = true;
            return new Item(task, name, masker);
        }
    }

    private sealed class Item(ProgressTask task, string name, SecretMasker masker) : IProgressItem
    {
        public void Done(string status) => Finish($"[green]{Markup.Escape(name)}[/] {Markup.Escape(masker.Mask(status))}");

        public void Failed(string status) => Finish($"[red]{Markup.Escape(name)}[/] {Markup.Escape(masker.Mask(status))}");

        private void Finish(string description)
        {
            task.Description = description;
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
