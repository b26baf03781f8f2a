using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Builds;

/// <summary>A package could not be built: carries the diagnostic that names the component, target and what went wrong.</summary>
public sealed class PackageBuildException : Exception
{
    public PackageBuildException()
        : this(Diagnostic.Error(DiagnosticCodes.Packaging.BuildFailed, "a package build failed", string.Empty))
    {
    }

    public PackageBuildException(string message)
        : this(Diagnostic.Error(DiagnosticCodes.Packaging.BuildFailed, message, string.Empty))
    {
    }

    public PackageBuildException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostic = Diagnostic.Error(DiagnosticCodes.Packaging.BuildFailed, message, string.Empty);
    }

    public PackageBuildException(Diagnostic diagnostic)
        : base(diagnostic?.ToString())
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        Diagnostic = diagnostic;
    }

    public Diagnostic Diagnostic { get; }
}
