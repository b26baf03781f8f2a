using System.Collections.Immutable;

namespace Distribution.Core.Diagnostics;

/// <summary>
/// Thrown when the user's input, configuration or environment is wrong (exit code 1). Carries every
/// diagnostic to report; anything else that escapes a command is a bug (exit code 2).
/// </summary>
public sealed class UserErrorException : Exception
{
    public UserErrorException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public UserErrorException(IEnumerable<Diagnostic> diagnostics)
        : this(diagnostics.ToImmutableArray())
    {
    }

    public UserErrorException()
        : this(Diagnostic.Error(DiagnosticCodes.Tool.CommandFailed, "the command failed", string.Empty))
    {
    }

    public UserErrorException(string message)
        : this(Diagnostic.Error(DiagnosticCodes.Tool.CommandFailed, message, string.Empty))
    {
    }

    public UserErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [Diagnostic.Error(DiagnosticCodes.Tool.CommandFailed, message, string.Empty)];
    }

    private UserErrorException(ImmutableArray<Diagnostic> diagnostics)
        : base(diagnostics.IsDefaultOrEmpty ? "the command failed" : DiagnosticFormatter.Format(diagnostics[0]))
    {
        Diagnostics = diagnostics.IsDefaultOrEmpty
            ? [Diagnostic.Error(DiagnosticCodes.Tool.CommandFailed, "the command failed", string.Empty)]
            : diagnostics;
    }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Builds the exception for one error at a place, the common case.</summary>
    public static UserErrorException At(SourceLocation location, string code, string message, string fix) =>
        new(Diagnostic.Error(code, message, fix, location));

    /// <summary>Builds the exception for one error with no particular place.</summary>
    public static UserErrorException Of(string code, string message, string fix) =>
        new(Diagnostic.Error(code, message, fix));
}
