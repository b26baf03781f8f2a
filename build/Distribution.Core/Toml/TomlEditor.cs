using System.Text;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// Changes a TOML file as text, keeping every byte it does not need to touch (comments, order, spacing, line
/// endings). Values are rendered as <see cref="TomlWriter.FormatValue"/> does (tables inline). Every result is
/// parsed again before it is returned; an edit that would leave the file invalid throws <see cref="TomlException"/>.
/// </summary>
public static class TomlEditor
{
    private const string DefaultFile = "(toml text)";

    /// <summary>
    /// Sets <paramref name="key"/> in the table whose <c>[header]</c> is <paramref name="tablePath"/> (the root
    /// table for an empty path). An existing <c>key = value</c> has just its value replaced (a comment after it
    /// stays); a new key goes on a line after the table's last key/value line, indented like it. When the table
    /// has no header yet, a new <c>[header]</c> section is added as <see cref="AppendTable"/> places it.
    /// </summary>
    public static string SetValue(string text, IReadOnlyList<string> tablePath, string key, TomlValue value, string file = DefaultFile)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tablePath);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var (document, statements) = TomlParser.ParseWithStatements(text, file);
        var newline = NewlineOf(text);
        var rendered = TomlWriter.FormatValue(value);
        var name = tablePath.Count == 0 ? "the root table" : $"[{TomlWriter.FormatPath(tablePath)}]";

        int headerIndex;
        if (tablePath.Count == 0)
        {
            headerIndex = -1;
        }
        else
        {
            headerIndex = statements.FindIndex(statement => statement.Kind != TomlStatementKind.KeyValue
                && statement.Path.SequenceEqual(tablePath, StringComparer.Ordinal));
            if (headerIndex < 0)
            {
                return AppendTable(text, tablePath, [new TomlEntry(key, value)], comment: null, file);
            }

            if (statements[headerIndex].Kind == TomlStatementKind.ArrayOfTables)
            {
                throw EditError(
                    $"{name} is an array of tables; the editor changes [tables] only", "edit the array of tables by hand", file);
            }
        }

        var sectionEnd = statements.FindIndex(headerIndex + 1, statement => statement.Kind != TomlStatementKind.KeyValue);
        var section = statements[(headerIndex + 1)..(sectionEnd < 0 ? statements.Count : sectionEnd)];
        var existing = section.Find(statement => statement.Path.Length == 1 && statement.Path[0] == key);
        string result;
        if (existing is not null)
        {
            result = string.Concat(text.AsSpan(0, existing.ValueStart), rendered, text.AsSpan(existing.ValueEnd));
        }
        else
        {
            if (section.Exists(statement => statement.Path[0] == key)
                || (document.Find([.. tablePath]) is TomlTable table && table.ContainsKey(key)))
            {
                throw EditError(
                    $"'{key}' in {name} is a table or is set with dotted keys; the editor cannot replace it with one line",
                    "edit it by hand",
                    file);
            }

            var line = $"{TomlWriter.FormatKey(key)} = {rendered}";
            if (section.Count > 0)
            {
                var last = section[^1];
                result = Insert(text, last.End, IndentOf(text, last.Start) + line + newline, newline);
            }
            else if (headerIndex >= 0)
            {
                result = Insert(text, statements[headerIndex].End, line + newline, newline);
            }
            else
            {
                var firstHeader = statements.Count > 0 ? statements[0] : null;
                result = firstHeader is null
                    ? Insert(text, text.Length, line + newline, newline)
                    : Insert(text, StartOfCommentBlock(text, firstHeader.Start), line + newline + newline, newline);
            }
        }

        return Validated(result, file);
    }

    /// <summary>
    /// Adds a new <c>[header]</c> table with <paramref name="entries"/> (optionally preceded by <c># comment</c>
    /// lines) after the last existing table that shares its parent path, with the sub-tables of that table (so a
    /// new <c>[bundles."x"]</c> lands after the other bundles); else after the parent table's section; else at the
    /// end. Throws <see cref="TomlException"/> when the table exists already.
    /// </summary>
    public static string AppendTable(
        string text, IReadOnlyList<string> tablePath, IEnumerable<TomlEntry> entries, string? comment = null, string file = DefaultFile)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tablePath);
        ArgumentNullException.ThrowIfNull(entries);
        if (tablePath.Count == 0)
        {
            throw EditError("the root table has no header to append", "use SetValue with an empty path to add root keys", file);
        }

        var (document, statements) = TomlParser.ParseWithStatements(text, file);
        var name = TomlWriter.FormatPath(tablePath);
        var header = statements.Find(statement => statement.Kind != TomlStatementKind.KeyValue
            && statement.Path.SequenceEqual(tablePath, StringComparer.Ordinal));
        var existing = document.Find([.. tablePath]);
        if (header is not null || (existing is not null && existing is not TomlTable { Kind: TomlTableKind.Implicit }))
        {
            var found = existing?.Location is { HasPosition: true } location ? location : SourceLocation.InFile(file);
            throw existing switch
            {
                TomlTable { Kind: TomlTableKind.Header } => EditError(
                    $"the table [{name}] already exists", "change its keys with SetValue instead", found),
                TomlTable { Kind: TomlTableKind.Dotted } => EditError(
                    $"'{name}' is already a table defined by dotted keys", "edit it by hand", found),
                TomlTable { Kind: TomlTableKind.Inline } => EditError($"'{name}' is already an inline table", "edit it by hand", found),
                TomlArray { IsArrayOfTables: true } => EditError($"'{name}' is already an array of tables", "edit it by hand", found),
                _ => EditError($"'{name}' is already a {existing?.TypeName} value", "choose another name", found),
            };
        }

        var newline = NewlineOf(text);
        var block = new StringBuilder();
        if (comment is not null)
        {
            foreach (var line in comment.ReplaceLineEndings("\n").Split('\n'))
            {
                block.Append(line.Length == 0 ? "#" : "# " + line).Append(newline);
            }
        }

        block.Append('[').Append(name).Append(']').Append(newline);
        foreach (var entry in entries)
        {
            block.Append(TomlWriter.FormatKey(entry.Key)).Append(" = ").Append(TomlWriter.FormatValue(entry.Value)).Append(newline);
        }

        var at = Math.Max(PlaceForTable(text, statements, tablePath), BomLength(text));
        var before = at == BomLength(text) ? string.Empty : newline;
        var after = at < text.Length && text[at] is not ('\n' or '\r') ? newline : string.Empty;
        return Validated(Insert(text, at, before + block + after, newline), file);
    }

    /// <summary>
    /// Where a new table goes: after the last header under the same parent
    /// (with its section), else after the parent's section, else at the end.
    /// </summary>
    private static int PlaceForTable(string text, List<TomlStatement> statements, IReadOnlyList<string> tablePath)
    {
        var parentLength = tablePath.Count - 1;
        bool UnderParent(TomlStatement statement) =>
            statement.Kind != TomlStatementKind.KeyValue
            && statement.Path.Length > parentLength
            && statement.Path.Take(parentLength).SequenceEqual(tablePath.Take(parentLength), StringComparer.Ordinal);

        var anchor = statements.FindLastIndex(UnderParent);
        if (anchor < 0 && parentLength > 0)
        {
            anchor = statements.FindLastIndex(statement => statement.Kind != TomlStatementKind.KeyValue
                && statement.Path.SequenceEqual(tablePath.Take(parentLength), StringComparer.Ordinal));
        }

        if (anchor < 0)
        {
            return text.Length;
        }

        var end = anchor;
        while (end + 1 < statements.Count && statements[end + 1].Kind == TomlStatementKind.KeyValue)
        {
            end++;
        }

        return statements[end].End;
    }

    /// <summary>
    /// Inserts <paramref name="insertion"/>, first ending an unterminated last line when inserting at the end. Nothing
    /// goes before a byte-order mark: it stays the file's first character.
    /// </summary>
    private static string Insert(string text, int at, string insertion, string newline)
    {
        at = Math.Max(at, BomLength(text));
        if (at == text.Length && at > BomLength(text) && text[^1] != '\n')
        {
            insertion = newline + insertion;
        }

        return string.Concat(text.AsSpan(0, at), insertion, text.AsSpan(at));
    }

    /// <summary>The start of the comment lines directly above a line (they document it), or the line itself.</summary>
    private static int StartOfCommentBlock(string text, int lineStart)
    {
        var start = LineStart(text, lineStart);
        while (start > 0)
        {
            var previous = LineStart(text, start - 1);
            if (!text.AsSpan(previous, start - previous).TrimStart("\uFEFF \t").StartsWith("#"))
            {
                break;
            }

            start = previous;
        }

        return start;
    }

    private static int LineStart(string text, int at)
    {
        var newline = at == 0 ? -1 : text.LastIndexOf('\n', at - 1);
        return newline + 1;
    }

    private static string IndentOf(string text, int statementStart)
    {
        var start = LineStart(text, statementStart);
        var indent = text.AsSpan(start, statementStart - start);
        return indent.TrimStart(" \t").IsEmpty ? indent.ToString() : string.Empty;
    }

    private static int BomLength(string text) => text.StartsWith('\uFEFF') ? 1 : 0;

    private static string NewlineOf(string text)
    {
        var index = text.IndexOf('\n', StringComparison.Ordinal);
        return index > 0 && text[index - 1] == '\r' ? "\r\n" : "\n";
    }

    private static string Validated(string result, string file)
    {
        try
        {
            TomlParser.Parse(result, file);
        }
        catch (TomlException exception)
        {
            throw new TomlException(Diagnostic.Error(
                DiagnosticCodes.Toml.Edit,
                $"the edit would make the file invalid: {exception.Diagnostic.Message}",
                "edit the file by hand",
                exception.Location));
        }

        return result;
    }

    private static TomlException EditError(string message, string fix, string file) =>
        EditError(message, fix, SourceLocation.InFile(file));

    private static TomlException EditError(string message, string fix, SourceLocation location) =>
        new(Diagnostic.Error(DiagnosticCodes.Toml.Edit, message, fix, location));
}
