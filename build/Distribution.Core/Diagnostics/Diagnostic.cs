namespace Distribution.Core.Diagnostics;

/// <summary>
/// One problem found by the tool, shown to users as a single line:
/// <c>file(line,col): error CODE: what is wrong — how to fix it</c>.
/// </summary>
/// <param name="Code">A stable identifier such as <c>VM012</c>; documented in docs/diagnostics.md.</param>
/// <param name="Message">What is wrong, without a trailing period.</param>
/// <param name="Fix">How to fix it; empty when there is nothing useful to say.</param>
public sealed record Diagnostic(
    Severity Severity,
    string Code,
    string Message,
    string Fix,
    SourceLocation Location)
{
    public static Diagnostic Error(string code, string message, string fix, SourceLocation? location = null) =>
        new(Severity.Error, code, message, fix, location ?? SourceLocation.None);

    public static Diagnostic Warning(string code, string message, string fix, SourceLocation? location = null) =>
        new(Severity.Warning, code, message, fix, location ?? SourceLocation.None);

    public bool IsError => Severity == Severity.Error;

    /// <summary>The one-line form every command prints.</summary>
    public override string ToString() => DiagnosticFormatter.Format(this);
}
