using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="ValidatePhase"/> found in the versions file shown as <see cref="File"/>: the document and every diagnostic.
/// </summary>
public sealed record ValidateResult(string File, VersionsReadResult Result)
{
    public bool Valid => !Result.Diagnostics.Any(diagnostic => diagnostic.IsError);
}
