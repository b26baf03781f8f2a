using Distribution.Core.Diagnostics;
using Distribution.Core.Rendering;
using Distribution.Pipeline;

namespace Distribution.Integration.Tests;

/// <summary>A reporter that keeps the diagnostics it is given and drops the rest.</summary>
internal sealed class RecordingReporter : IReporter
{
    public List<Diagnostic> Diagnostics { get; } = [];

    public void Info(string message)
    {
    }

    public void Success(string message)
    {
    }

    public void Report(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);

    public void Table(TextTable table)
    {
    }

    public Task<T> WithProgressAsync<T>(string title, Func<IProgressSink, Task<T>> work) => throw new NotSupportedException();

    public void StepSummary(string markdown)
    {
    }
}
