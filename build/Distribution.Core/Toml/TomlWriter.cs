using System.Globalization;
using System.Text;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// Writes canonical TOML: <c>\n</c> line endings; in each table its key/value pairs first, then its sub-tables as
/// <c>[header]</c> sections and arrays of tables as <c>[[header]]</c> sections, in document order (a table holding
/// nothing but sub-tables gets no header of its own); tables of <see cref="TomlTableKind.Inline"/> kind stay inline;
/// strings basic-quoted with escapes; keys bare when they can be. <c>TomlParser.Parse(TomlWriter.Write(d))</c>
/// equals <c>d</c> for every document.
/// </summary>
public static class TomlWriter
{
    /// <summary>The document as canonical TOML text.</summary>
    public static string Write(TomlTable document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        var path = new List<string>();
        WriteBody(text, document, path);
        return text.ToString();
    }

    /// <summary>
    /// The document as canonical TOML text under a comment (each line of <paramref name="comment"/> written as
    /// <c># line</c>, then a blank line): the form of generated files such as the lock file.
    /// </summary>
    public static string Write(TomlTable document, string? comment)
    {
        var body = Write(document);
        if (comment is null)
        {
            return body;
        }

        var text = new StringBuilder();
        foreach (var line in comment.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        }

        return (body.Length == 0 ? text : text.Append('\n').Append(body)).ToString();
    }

    /// <summary>A key, bare when it is made of A-Z a-z 0-9 _ - only (so <c>stable-4</c> stays bare, <c>4.0.0</c> is quoted).</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsBare(key) ? key : FormatString(key);
    }

    /// <summary>A dotted key path as written in a header: <c>bundles."4.0.0".core</c>.</summary>
    public static string FormatPath(IEnumerable<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Join('.', path.Select(FormatKey));
    }

    /// <summary>A string as a basic-quoted TOML string, escaping quotes, backslashes and control characters.</summary>
    public static string FormatString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2);
        AppendString(text, value);
        return text.ToString();
    }

    /// <summary>A value as written after <c>key = </c>: every table inline, every array inline.</summary>
    public static string FormatValue(TomlValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder();
        AppendValue(text, value);
        return text.ToString();
    }

    private static bool IsBare(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Written as a <c>[header]</c> section rather than inline.</summary>
    private static bool IsSection(TomlValue value) => value is TomlTable { Kind: not TomlTableKind.Inline };

    /// <summary>Written as <c>[[header]]</c> sections rather than inline.</summary>
    private static bool IsArrayOfTablesSection(TomlValue value) =>
        value is TomlArray { IsArrayOfTables: true, Count: > 0 } array && array.Items.All(item => item is TomlTable);

    private static void WriteBody(StringBuilder text, TomlTable table, List<string> path)
    {
        foreach (var entry in table.Entries)
        {
            if (!IsSection(entry.Value) && !IsArrayOfTablesSection(entry.Value))
            {
                text.Append(FormatKey(entry.Key)).Append(" = ");
                AppendValue(text, entry.Value);
                text.Append('\n');
            }
        }

        foreach (var entry in table.Entries)
        {
            if (IsSection(entry.Value))
            {
                var sub = (TomlTable)entry.Value;
                path.Add(entry.Key);
                if (NeedsHeader(sub))
                {
                    Header(text, path, "[", "]");
                }

                WriteBody(text, sub, path);
                path.RemoveAt(path.Count - 1);
            }
            else if (IsArrayOfTablesSection(entry.Value))
            {
                path.Add(entry.Key);
                foreach (var item in ((TomlArray)entry.Value).Items)
                {
                    Header(text, path, "[[", "]]");
                    WriteBody(text, (TomlTable)item, path);
                }

                path.RemoveAt(path.Count - 1);
            }
        }
    }

    /// <summary>A table needs its own header unless it holds only sub-sections, which create it implicitly.</summary>
    private static bool NeedsHeader(TomlTable table) =>
        table.Count == 0 || table.Entries.Any(entry => !IsSection(entry.Value) && !IsArrayOfTablesSection(entry.Value));

    private static void Header(StringBuilder text, List<string> path, string open, string close)
    {
        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(open).Append(FormatPath(path)).Append(close).Append('\n');
    }

    private static void AppendValue(StringBuilder text, TomlValue value)
    {
        switch (value)
        {
            case TomlString s:
                AppendString(text, s.Value);
                break;
            case TomlInteger i:
                text.Append(TomlFormatting.Integer(i.Value));
                break;
            case TomlFloat f:
                text.Append(TomlFormatting.Float(f.Value));
                break;
            case TomlBoolean b:
                text.Append(b.Value ? "true" : "false");
                break;
            case TomlOffsetDateTime odt:
                text.Append(TomlFormatting.OffsetDateTime(odt.Value));
                break;
            case TomlLocalDateTime ldt:
                text.Append(TomlFormatting.LocalDateTime(ldt.Value));
                break;
            case TomlLocalDate ld:
                text.Append(TomlFormatting.Date(ld.Value));
                break;
            case TomlLocalTime lt:
                text.Append(TomlFormatting.Time(lt.Value));
                break;
            case TomlArray array:
                text.Append('[');
                for (var index = 0; index < array.Count; index++)
                {
                    text.Append(index == 0 ? string.Empty : ", ");
                    AppendValue(text, array[index]);
                }

                text.Append(']');
                break;
            case TomlTable table:
                if (table.Count == 0)
                {
                    text.Append("{}");
                    break;
                }

                text.Append("{ ");
                for (var index = 0; index < table.Count; index++)
                {
                    var entry = table.Entries[index];
                    text.Append(index == 0 ? string.Empty : ", ").Append(FormatKey(entry.Key)).Append(" = ");
                    AppendValue(text, entry.Value);
                }

                text.Append(" }");
                break;
            default:
                throw new TomlException(Diagnostic.Error(
                    DiagnosticCodes.Toml.Unwritable, $"cannot write a {value.GetType().Name}", "use the Toml* value types"));
        }
    }

    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c))
                    {
                        if (!char.IsHighSurrogate(c) || index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]))
                        {
                            throw new TomlException(Diagnostic.Error(
                                DiagnosticCodes.Toml.Unwritable,
                                $"the string holds a lone surrogate U+{(int)c:X4}, which TOML cannot hold",
                                "pass valid Unicode text"));
                        }

                        text.Append(c).Append(value[++index]);
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
