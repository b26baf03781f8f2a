namespace Distribution.Core.Diagnostics;

/// <summary>How serious a diagnostic is. Errors fail the command; warnings are reported and the command goes on.</summary>
public enum Severity
{
    Warning,
    Error,
}
