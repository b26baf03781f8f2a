using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>The reader's internal signal that a statement is wrong; caught at statement level (never escapes).</summary>
internal sealed class TomlSyntaxError : Exception
{
    public TomlSyntaxError()
        : this(Diagnostic.Error(DiagnosticCodes.Toml.Syntax, "invalid TOML", string.Empty))
    {
    }

    public TomlSyntaxError(string message)
        : this(Diagnostic.Error(DiagnosticCodes.Toml.Syntax, message, string.Empty))
    {
    }

    public TomlSyntaxError(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = Diagnostic.Error(DiagnosticCodes.Toml.Syntax, message, string.Empty);
    }

    public TomlSyntaxError(Diagnostic diagnostic)
        : base(diagnostic?.Message)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }
}
