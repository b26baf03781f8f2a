using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>The single exception type of the strict parser: the first problem, as a diagnostic with its position.</summary>
public sealed class TomlException : Exception
{
    public TomlException()
        : this(Diagnostic.Error(DiagnosticCodes.Toml.Unspecified, "invalid TOML", string.Empty))
    {
    }

    public TomlException(string message)
        : this(Diagnostic.Error(DiagnosticCodes.Toml.Unspecified, message, string.Empty))
    {
    }

    public TomlException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = Diagnostic.Error(DiagnosticCodes.Toml.Unspecified, message, string.Empty);
    }

    public TomlException(Diagnostic diagnostic)
        : base(DiagnosticFormatter.Format(diagnostic))
    {
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }

    public SourceLocation Location => Diagnostic.Location;
}
