using Distribution.Core.Diagnostics;
using Distribution.Core.Rendering;

namespace Distribution.Pipeline;

/// <summary>
/// Everything a command shows the user goes through here, so that a terminal gets Spectre.Console tables and
/// progress, while redirected output and CI get plain lines, and secrets never appear in either.
/// </summary>
public interface IReporter
{
    void Info(string message);

    void Success(string message);

    /// <summary>Prints a diagnostic on standard error (and, on GitHub Actions, its annotation).</summary>
    void Report(Diagnostic diagnostic);

    void Table(TextTable table);

    /// <summary>Runs <paramref name="work"/> while showing progress for the items it starts.</summary>
    Task<T> WithProgressAsync<T>(string title, Func<IProgressSink, Task<T>> work);

    /// <summary>Appends Markdown to the GitHub Actions job summary when running there; does nothing elsewhere.</summary>
    void StepSummary(string markdown);
}
