using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// The validate phase, first of the pipeline: reads versions.toml and checks it (syntax, keys, versions, ranges, bundles
/// against the matrix, dates), every problem at once. The other phases load the file through
/// <see cref="VersionsLoader"/>, which stops them at the first error and reports the warnings.
/// </summary>
public sealed class ValidatePhase(PhaseContext context)
{
    /// <summary>Checks <paramref name="versions"/> (default version-management/versions.toml); a missing file is VM030.</summary>
    public async Task<ValidateResult> RunAsync(string? versions, CancellationToken cancellationToken)
    {
        var file = VersionsLoader.Resolve(context, versions);
        var bytes = await VersionsLoader.ReadBytesAsync(context, file, cancellationToken).ConfigureAwait(false);
        var display = context.Paths.Display(file);
        return new ValidateResult(display, VersionsChecker.Check(bytes, display, VersionsLoader.Today));
    }
}
