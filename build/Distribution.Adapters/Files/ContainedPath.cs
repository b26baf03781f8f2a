using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Files;

/// <summary>
/// The one check that a path the pipeline writes stays under its root (the bundle or shard folder, the registry, the
/// cache): a name from a file or an option (an archive, a bundle id, a sample or component name) that would leave
/// it, by <c>..</c>, a separator or an absolute path, is a user error before anything is written.
/// </summary>
public static class ContainedPath
{
    private static readonly StringComparison Comparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/>, which must be a path strictly inside
    /// it; else <see cref="UserErrorException"/> (PD0007) naming <paramref name="what"/> and both paths.
    /// </summary>
    public static string Under(string root, string relative, string what)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relative);
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        return !Path.IsPathRooted(relative) && full.StartsWith(fullRoot + Path.DirectorySeparatorChar, Comparison)
            ? full
            : throw UserErrorException.Of(
                DiagnosticCodes.Tool.PathOutsideRoot,
                $"{what} '{relative}' would be written at '{full}', outside '{fullRoot}'",
                "use a plain name: letters, digits, '.', '-' and '_', no '..' and no path separator");
    }
}
