using System.Text;

namespace Distribution.Core.Diagnostics;

/// <summary>Renders diagnostics in the one format users see, and as GitHub Actions workflow commands.</summary>
public static class DiagnosticFormatter
{
    /// <summary><c>file(line,col): error CODE: message — fix</c>; the location and fix parts are left out when empty.</summary>
    public static string Format(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var text = new StringBuilder();
        var location = diagnostic.Location.ToString();
        if (location.Length > 0)
        {
            text.Append(location).Append(": ");
        }

        text.Append(diagnostic.IsError ? "error " : "warning ")
            .Append(diagnostic.Code)
            .Append(": ")
            .Append(OneLine(diagnostic.Message));
        if (diagnostic.Fix.Length > 0)
        {
            text.Append(" — ").Append(OneLine(diagnostic.Fix));
        }

        return text.ToString();
    }

    /// <summary>
    /// The GitHub Actions annotation for a diagnostic:
    /// <c>::error file=F,line=L,col=C,title=CODE::message — fix</c>, escaped as the runner requires.
    /// </summary>
    public static string FormatGitHubAnnotation(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var properties = new List<string>();
        var location = diagnostic.Location;
        if (location.File.Length > 0)
        {
            properties.Add("file=" + EscapeProperty(location.File));
            if (location.HasPosition)
            {
                properties.Add("line=" + location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                properties.Add("col=" + location.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        properties.Add("title=" + EscapeProperty(diagnostic.Code));
        var message = diagnostic.Fix.Length > 0 ? $"{diagnostic.Message} — {diagnostic.Fix}" : diagnostic.Message;
        var command = diagnostic.IsError ? "error" : "warning";
        return $"::{command} {string.Join(',', properties)}::{EscapeData(message)}";
    }

    private static string OneLine(string text) =>
        text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');

    // https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData / escapeProperty)
    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);
}
