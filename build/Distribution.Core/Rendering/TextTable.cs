using System.Collections.Immutable;
using System.Text;

namespace Distribution.Core.Rendering;

/// <summary>A table as data: rendered by Spectre.Console in a terminal, as aligned text elsewhere, as Markdown in summaries.</summary>
public sealed record TextTable(string Title, ImmutableArray<string> Headers, ImmutableArray<ImmutableArray<string>> Rows)
{
    public static TextTable Create(string title, IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows) =>
        new(title, [.. headers], [.. rows.Select(row => row.ToImmutableArray())]);

    /// <summary>Plain aligned columns, for logs and redirected output.</summary>
    public string ToPlainText()
    {
        var widths = Headers.Select((header, column) => Rows.Select(row => Cell(row, column).Length)
            .Prepend(header.Length)
            .Max()).ToArray();
        var text = new StringBuilder();
        if (Title.Length > 0)
        {
            text.Append(Title).Append('\n');
        }

        AppendRow(text, Headers, widths);
        text.Append(string.Join("  ", widths.Select(width => new string('-', width)))).Append('\n');
        foreach (var row in Rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        if (Title.Length > 0)
        {
            text.Append("### ").Append(Title).Append("\n\n");
        }

        text.Append("| ").Append(string.Join(" | ", Headers.Select(EscapeMarkdown))).Append(" |\n");
        text.Append('|').Append(string.Concat(Headers.Select(_ => "---|"))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| ").Append(string.Join(" | ", Headers.Select((_, column) => EscapeMarkdown(Cell(row, column))))).Append(" |\n");
        }

        return text.ToString();
    }

    private static string Cell(ImmutableArray<string> row, int column) => column < row.Length ? row[column] : string.Empty;

    private static void AppendRow(StringBuilder text, ImmutableArray<string> row, int[] widths)
    {
        var cells = widths.Select((width, column) => Cell(row, column).PadRight(width));
        text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
    }

    private static string EscapeMarkdown(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
