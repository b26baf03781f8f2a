using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Versions;

/// <summary>Reads and validates versions.toml in one call: every problem of both steps, in file order.</summary>
public static class VersionsChecker
{
    public static VersionsReadResult Check(string text, string file, DateOnly today)
    {
        var read = VersionsReader.Read(text, file);
        var all = read.Diagnostics.Concat(VersionsValidator.Validate(read.Document, today))
            .Select((diagnostic, index) => (diagnostic, index))
            .OrderBy(item => item.diagnostic.Location.HasPosition ? 1 : 0)
            .ThenBy(item => item.diagnostic.Location.Line)
            .ThenBy(item => item.diagnostic.Location.Column)
            .ThenBy(item => item.index)
            .Select(item => item.diagnostic);
        return read with { Diagnostics = [.. all] };
    }

    /// <summary>
    /// As <see cref="Check(string, string, DateOnly)"/> for the file's bytes: invalid UTF-8 is the one diagnostic
    /// (<c>TOML002</c>, at its line and column) and the document is empty.
    /// </summary>
    public static VersionsReadResult Check(ReadOnlySpan<byte> utf8, string file, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!TomlParser.TryDecode(utf8, file, out var text, out var problem))
        {
            var empty = VersionsReader.FromTable(new TomlTable([], new SourceLocation(file, 1, 1), TomlTableKind.Root), file);
            return empty with { Diagnostics = [problem] };
        }

        return Check(text, file, today);
    }

    /// <summary>The closing line of a check: <c>versions.toml: 3 bundles, 6 matrix entries — valid, 1 warning</c>.</summary>
    public static string Summary(VersionsReadResult result, string file)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Diagnostics.Count(diagnostic => diagnostic.IsError);
        var warnings = result.Diagnostics.Length - errors;
        static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? string.Empty : "s")}";
        var verdict = errors > 0 ? $"INVALID, {Count(errors, "error")}" : "valid";
        return $"{file}: {Count(result.Document.Bundles.Length, "bundle")}, "
            + $"{Count(result.Document.Matrix.Length, "matrix entry").Replace("entrys", "entries", StringComparison.Ordinal)} "
            + $"— {verdict}{(warnings > 0 ? ", " + Count(warnings, "warning") : string.Empty)}";
    }
}
