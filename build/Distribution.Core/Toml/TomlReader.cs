using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// The TOML 1.0.0 reader: one pass over the text, a recursive descent whose depth is capped at
/// <see cref="MaxDepth"/> (so no file can exhaust the stack), positions in 1-based lines and code-point columns.
/// In tolerant mode an error skips the rest of the statement and reading goes on; in strict mode the first
/// error is thrown as a <see cref="TomlException"/>.
/// </summary>
internal sealed class TomlReader
{
    /// <summary>The deepest nesting of tables, arrays and inline tables the reader accepts.</summary>
    public const int MaxDepth = 128;

    private const int MaxDiagnostics = 100;

    private readonly string text;
    private readonly string file;
    private readonly bool strict;
    private readonly bool hasSurrogates;
    private readonly List<Diagnostic> diagnostics = [];
    private readonly List<TomlStatement>? statements;
    private readonly TomlTableBuilder root;
    private readonly StringBuilder buffer = new();
    private TomlTableBuilder current;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int nesting;
    private bool inHeader;
    private string? openDelimiter;

    private TomlReader(string text, string file, bool strict, List<TomlStatement>? statements)
    {
        this.text = text;
        this.file = file;
        this.strict = strict;
        this.statements = statements;
        hasSurrogates = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        root = new TomlTableBuilder(TomlTableKind.Root, new SourceLocation(file, 1, 1, 0), 0);
        current = root;
    }

    private char Current => pos < text.Length ? text[pos] : '\0';

    private bool AtEnd => pos >= text.Length;

    public static TomlParseResult Read(string text, string file, bool strict, List<TomlStatement>? statements = null)
    {
        var reader = new TomlReader(text, file, strict, statements);
        reader.ReadDocument();
        return new TomlParseResult(reader.root.Freeze(), [.. reader.diagnostics]);
    }

    private static bool IsBareKeyChar(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';

    private static bool IsScalarChar(char c) => IsBareKeyChar(c) || c is '+' or '.' or ':';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsForbiddenControl(char c) => (c < 0x20 && c != '\t') || c == 0x7F;

    private void ReadDocument()
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            pos = 1;
            lineStart = 1;
        }

        while (!AtEnd)
        {
            var start = pos;
            try
            {
                Statement();
            }
            catch (TomlSyntaxError error)
            {
                if (inHeader)
                {
                    current = new TomlTableBuilder(TomlTableKind.Header, SourceLocation.None, 0); // keys after a broken header go nowhere
                    inHeader = false;
                }

                Report(error.Diagnostic);
                if (diagnostics.Count >= MaxDiagnostics)
                {
                    diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Toml.TooManyErrors,
                        $"too many errors; stopped after {MaxDiagnostics}",
                        "fix the errors above and run again",
                        Location(Here(), pos)));
                    return;
                }

                Recover();
                if (pos <= start && !AtEnd)
                {
                    pos = start + 1;
                }
            }
        }
    }

    private void Report(Diagnostic diagnostic)
    {
        if (strict)
        {
            throw new TomlException(diagnostic);
        }

        diagnostics.Add(diagnostic);
    }

    /// <summary>
    /// Skips the rest of a broken statement: to the end of the line, and on while brackets opened before the error are still open.
    /// </summary>
    private void Recover()
    {
        var balance = nesting;
        nesting = 0;
        if (openDelimiter is not null)
        {
            // The error was inside a multi-line string: its text is not TOML, so skip to its closing delimiter.
            var close = text.IndexOf(openDelimiter, pos, StringComparison.Ordinal);
            var stop = close < 0 ? text.Length : close + openDelimiter.Length;
            openDelimiter = null;
            while (pos < stop)
            {
                if (text[pos++] == '\n')
                {
                    line++;
                    lineStart = pos;
                }
            }
        }

        while (!AtEnd)
        {
            var c = text[pos];
            switch (c)
            {
                case '\n':
                    pos++;
                    line++;
                    lineStart = pos;
                    if (balance <= 0)
                    {
                        return;
                    }

                    break;
                case '#':
                    while (!AtEnd && text[pos] != '\n')
                    {
                        pos++;
                    }

                    break;
                case '"' or '\'':
                    pos++;
                    while (!AtEnd && text[pos] != c && text[pos] != '\n')
                    {
                        pos += text[pos] == '\\' && c == '"' && pos + 1 < text.Length && text[pos + 1] != '\n' ? 2 : 1;
                    }

                    if (!AtEnd && text[pos] == c)
                    {
                        pos++;
                    }

                    break;
                case '[' or '{':
                    balance++;
                    pos++;
                    break;
                case ']' or '}':
                    balance--;
                    pos++;
                    break;
                default:
                    pos++;
                    break;
            }
        }
    }

    private void Statement()
    {
        SkipWhitespace();
        if (AtEnd)
        {
            return;
        }

        switch (text[pos])
        {
            case '#':
                SkipComment();
                EndOfLine("a comment");
                return;
            case '\n' or '\r':
                ConsumeNewline();
                return;
            case '[':
                Header();
                return;
            default:
                TopLevelKeyValue();
                return;
        }
    }

    private void Header()
    {
        var start = Here();
        inHeader = true;
        pos++;
        var isArray = Current == '[';
        if (isArray)
        {
            pos++;
        }

        var keys = ParseKey();
        if (Current != ']')
        {
            throw Error(
                DiagnosticCodes.Toml.Syntax,
                $"expected ']' to close the table header, found {Found()}",
                isArray ? "write the header as [[name]]" : "write the header as [name]");
        }

        pos++;
        if (isArray)
        {
            if (Current != ']')
            {
                throw Error(
                    DiagnosticCodes.Toml.Syntax,
                    $"expected ']]' to close the array-of-tables header, found ']' then {Found()}",
                    "write the header as [[name]] with no space between the brackets");
            }

            pos++;
        }

        var location = Location(start, pos);
        EndOfLine(isArray ? "an array-of-tables header" : "a table header");
        current = Define(keys, isArray, location);
        inHeader = false;
        statements?.Add(new TomlStatement(
            isArray ? TomlStatementKind.ArrayOfTables : TomlStatementKind.Table, Names(keys), start.Pos, AfterLineBreak(), -1, -1));
    }

    private TomlTableBuilder Define(List<KeyPart> keys, bool isArray, SourceLocation location)
    {
        var table = root;
        for (var index = 0; index < keys.Count - 1; index++)
        {
            var part = keys[index];
            if (table.TryGet(part.Name, out var entry))
            {
                if (entry.Table is { } sub)
                {
                    table = sub;
                }
                else if (entry.ArrayOfTables is { } array)
                {
                    table = array[^1];
                }
                else
                {
                    throw KeyError(
                        DiagnosticCodes.Toml.Redefinition,
                        part,
                        $"'{Path(keys, index)}' is already {Describe(entry.Value!)} defined at "
                            + $"{Position(entry.DefinedAt)}, so it cannot hold the table '{Path(keys, keys.Count - 1)}'",
                        "rename one of them");
                }
            }
            else
            {
                var sub = new TomlTableBuilder(TomlTableKind.Implicit, part.Location, CheckDepth(table.Depth + 1, part));
                table.Add(part.Name, part.Location).Table = sub;
                table = sub;
            }
        }

        var last = keys[^1];
        var name = Path(keys, keys.Count - 1);
        if (table.TryGet(last.Name, out var existing))
        {
            if (isArray)
            {
                if (existing.ArrayOfTables is { } array)
                {
                    var element = new TomlTableBuilder(TomlTableKind.ArrayElement, location, table.Depth + 1);
                    array.Add(element);
                    return element;
                }

                throw KeyError(
                    DiagnosticCodes.Toml.Redefinition,
                    last,
                    $"'{name}' is already {DescribeEntry(existing)} defined at "
                        + $"{Position(existing.DefinedAt)}, so it cannot be an array of tables",
                    "rename one of them, or use [" + name + "] consistently");
            }

            if (existing.Table is { Kind: TomlTableKind.Implicit } implicitTable)
            {
                implicitTable.Kind = TomlTableKind.Header;
                implicitTable.Location = location;
                existing.KeyLocation = last.Location;
                return implicitTable;
            }

            var what = existing.Table is { Kind: TomlTableKind.Dotted } ? "a table defined by dotted keys" : DescribeEntry(existing);
            throw KeyError(
                DiagnosticCodes.Toml.Redefinition,
                last,
                $"'{name}' is already {what} defined at {Position(existing.DefinedAt)}; a table can be defined only once",
                "merge the two definitions into one");
        }

        var depth = CheckDepth(table.Depth + 1, last);
        var entryBuilder = table.Add(last.Name, last.Location);
        if (isArray)
        {
            var element = new TomlTableBuilder(TomlTableKind.ArrayElement, location, depth);
            entryBuilder.ArrayOfTables = [element];
            entryBuilder.ArrayLocation = location;
            return element;
        }

        var created = new TomlTableBuilder(TomlTableKind.Header, location, depth);
        entryBuilder.Table = created;
        return created;
    }

    private void TopLevelKeyValue()
    {
        var start = pos;
        var keys = ParseKey();
        ExpectEquals(keys);
        SkipWhitespace();
        var valueStart = pos;
        var value = ParseValue(current.Depth + keys.Count);
        var valueEnd = pos;
        EndOfLine("a value");
        Insert(current, keys, value);
        statements?.Add(new TomlStatement(TomlStatementKind.KeyValue, Names(keys), start, AfterLineBreak(), valueStart, valueEnd));
    }

    private void ExpectEquals(List<KeyPart> keys)
    {
        if (Current != '=')
        {
            var key = Path(keys, keys.Count - 1);
            throw Current is '\n' or '\r' or '\0'
                ? Error(DiagnosticCodes.Toml.Syntax, $"expected '=' after the key '{key}', found {Found()}", $"write {key} = value")
                : Error(
                    DiagnosticCodes.Toml.Syntax,
                    $"expected '=' after the key '{key}', found {Found()}",
                    "quote keys that hold other characters than A-Z a-z 0-9 _ -");
        }

        pos++;
    }

    private void Insert(TomlTableBuilder table, List<KeyPart> keys, TomlValue value)
    {
        for (var index = 0; index < keys.Count - 1; index++)
        {
            var part = keys[index];
            if (table.TryGet(part.Name, out var entry))
            {
                if (entry.Table is { Kind: TomlTableKind.Dotted or TomlTableKind.Implicit } sub)
                {
                    sub.Kind = TomlTableKind.Dotted;
                    table = sub;
                    continue;
                }

                var what = entry.Table is { Kind: TomlTableKind.Header or TomlTableKind.Root }
                    ? "a table defined by a [header]"
                    : DescribeEntry(entry);
                throw KeyError(
                    DiagnosticCodes.Toml.Redefinition,
                    part,
                    $"cannot add '{Path(keys, keys.Count - 1)}' with a dotted key: '{Path(keys, index)}' "
                        + $"is already {what} defined at {Position(entry.DefinedAt)}",
                    "put the key in that table's own section");
            }

            var created = new TomlTableBuilder(TomlTableKind.Dotted, part.Location, CheckDepth(table.Depth + 1, part));
            table.Add(part.Name, part.Location).Table = created;
            table = created;
        }

        var last = keys[^1];
        if (table.TryGet(last.Name, out var existing))
        {
            throw KeyError(
                DiagnosticCodes.Toml.DuplicateKey,
                last,
                $"duplicate key '{Path(keys, keys.Count - 1)}': already defined at {Position(existing.KeyLocation)}",
                "remove one of the two");
        }

        table.Add(last.Name, last.Location).Value = value;
    }

    private List<KeyPart> ParseKey()
    {
        var keys = new List<KeyPart>(2);
        while (true)
        {
            SkipWhitespace();
            var start = Here();
            var c = Current;
            string name;
            if (IsBareKeyChar(c))
            {
                while (!AtEnd && IsBareKeyChar(text[pos]))
                {
                    pos++;
                }

                name = text[start.Pos..pos];
            }
            else if (c == '"')
            {
                if (StartsWith("\"\"\""))
                {
                    throw Error(DiagnosticCodes.Toml.Syntax, "a multi-line string cannot be a key", "use a one-line \"quoted key\"");
                }

                name = BasicString();
            }
            else if (c == '\'')
            {
                if (StartsWith("'''"))
                {
                    throw Error(DiagnosticCodes.Toml.Syntax, "a multi-line string cannot be a key", "use a one-line 'quoted key'");
                }

                name = LiteralString();
            }
            else
            {
                throw keys.Count == 0
                    ? Error(DiagnosticCodes.Toml.Syntax, $"expected a key, found {Found()}", "keys are bare (A-Z a-z 0-9 _ -) or quoted")
                    : Error(
                        DiagnosticCodes.Toml.Syntax,
                        $"expected a key after '.', found {Found()}",
                        "remove the extra '.' or add the missing key");
            }

            keys.Add(new KeyPart(name, Location(start, pos)));
            SkipWhitespace();
            if (Current != '.')
            {
                return keys;
            }

            pos++;
        }
    }

    private TomlValue ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error(DiagnosticCodes.Toml.TooDeep, $"nesting deeper than {MaxDepth} levels", "flatten the document");
        }

        var c = Current;
        switch (c)
        {
            case '"':
            {
                var start = Here();
                var value = StartsWith("\"\"\"") ? MultiLineBasicString() : BasicString();
                return new TomlString(value, Location(start, pos));
            }

            case '\'':
            {
                var start = Here();
                var value = StartsWith("'''") ? MultiLineLiteralString() : LiteralString();
                return new TomlString(value, Location(start, pos));
            }

            case '[':
                return Array(depth);
            case '{':
                return InlineTable(depth);
            default:
                if (IsScalarChar(c))
                {
                    return Scalar();
                }

                throw c is '\n' or '\r' or '\0'
                    ? Error(DiagnosticCodes.Toml.Syntax, $"expected a value, found {Found()}", "write a value after '='")
                    : Error(DiagnosticCodes.Toml.Syntax, $"expected a value, found {Found()}", "strings are quoted: \"text\"");
        }
    }

    private TomlArray Array(int depth)
    {
        var start = Here();
        pos++;
        nesting++;
        var items = ImmutableArray.CreateBuilder<TomlValue>();
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (Current == ']')
            {
                pos++;
                break;
            }

            items.Add(ParseValue(depth + 1));
            SkipWhitespaceCommentsAndNewlines();
            if (Current == ',')
            {
                pos++;
                continue;
            }

            if (Current == ']')
            {
                pos++;
                break;
            }

            throw Error(
                DiagnosticCodes.Toml.Syntax,
                $"expected ',' or ']' in the array, found {Found()}",
                AtEnd ? "close the array with ']'" : "separate array items with commas");
        }

        nesting--;
        return new TomlArray(items.DrainToImmutable(), Location(start, pos));
    }

    private TomlTable InlineTable(int depth)
    {
        var start = Here();
        pos++;
        nesting++;
        var table = new TomlTableBuilder(TomlTableKind.Inline, SourceLocation.None, depth);
        SkipWhitespace();
        if (Current == '}')
        {
            pos++;
        }
        else
        {
            while (true)
            {
                if (Current is '\n' or '\r')
                {
                    throw Error(
                        DiagnosticCodes.Toml.Syntax,
                        $"expected a key in the inline table, found {Found()}",
                        "an inline table must be on one line (TOML 1.0); use a [table] section for more");
                }

                var keys = ParseKey();
                ExpectEquals(keys);
                SkipWhitespace();
                var value = ParseValue(depth + keys.Count);
                Insert(table, keys, value);
                SkipWhitespace();
                if (Current == ',')
                {
                    pos++;
                    SkipWhitespace();
                    if (Current == '}')
                    {
                        throw Error(
                            DiagnosticCodes.Toml.Syntax,
                            "trailing comma in an inline table",
                            "remove the ',' before '}' (TOML 1.0 allows none)");
                    }

                    continue;
                }

                if (Current == '}')
                {
                    pos++;
                    break;
                }

                throw Current is '\n' or '\r'
                    ? Error(
                        DiagnosticCodes.Toml.Syntax,
                        $"expected ',' or '}}' in the inline table, found {Found()}",
                        "an inline table must be on one line; use a [table] section for more")
                    : Error(
                        DiagnosticCodes.Toml.Syntax,
                        $"expected ',' or '}}' in the inline table, found {Found()}",
                        AtEnd ? "close the inline table with '}'" : "separate key/value pairs with commas");
            }
        }

        nesting--;
        table.Location = Location(start, pos);
        return table.Freeze();
    }

    private string BasicString()
    {
        var quote = Here();
        pos++;
        var runStart = pos;
        StringBuilder? built = null;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated string: expected '\"' before the end of the file",
                    "close the string with '\"'",
                    quote);
            }

            var c = text[pos];
            if (c == '"')
            {
                string value;
                if (built is null)
                {
                    value = text[runStart..pos];
                }
                else
                {
                    built.Append(text, runStart, pos - runStart);
                    value = built.ToString();
                }

                pos++;
                return value;
            }

            if (c == '\\')
            {
                built ??= buffer.Clear();
                built.Append(text, runStart, pos - runStart);
                Escape(built);
                runStart = pos;
                continue;
            }

            if (c is '\n' or '\r')
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated string: a one-line string cannot hold a line break",
                    "close the string with '\"' on this line, or use \"\"\"multi-line strings\"\"\"",
                    quote);
            }

            CheckTextChar(c, "string");
            pos++;
        }
    }

    private string LiteralString()
    {
        var quote = Here();
        pos++;
        var runStart = pos;
        while (true)
        {
            if (AtEnd)
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated literal string: expected \"'\" before the end of the file",
                    "close the string with \"'\"",
                    quote);
            }

            var c = text[pos];
            if (c == '\'')
            {
                var value = text[runStart..pos];
                pos++;
                return value;
            }

            if (c is '\n' or '\r')
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated literal string: a one-line string cannot hold a line break",
                    "close the string with \"'\" on this line, or use '''multi-line strings'''",
                    quote);
            }

            CheckTextChar(c, "string");
            pos++;
        }
    }

    private string MultiLineBasicString()
    {
        var quote = Here();
        pos += 3;
        openDelimiter = "\"\"\"";
        SkipNewlineAfterOpeningDelimiter();
        var built = buffer.Clear();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated multi-line string: expected '\"\"\"' before the end of the file",
                    "close the string with \"\"\"",
                    quote);
            }

            var c = text[pos];
            switch (c)
            {
                case '"':
                {
                    var run = QuoteRun('"');
                    if (run < 3)
                    {
                        built.Append('"', run);
                        pos += run;
                        break;
                    }

                    openDelimiter = null;
                    if (run > 5)
                    {
                        pos += 5;
                        throw Error(
                            DiagnosticCodes.Toml.String,
                            "too many quotes after the end of a multi-line string",
                            "escape quotes inside the string as \\\"");
                    }

                    built.Append('"', run - 3);
                    pos += run;
                    return built.ToString();
                }

                case '\\':
                    if (IsLineEndingBackslash())
                    {
                        pos++;
                        SkipWhitespaceAndNewlines();
                    }
                    else
                    {
                        Escape(built);
                    }

                    break;
                case '\n' or '\r':
                    ConsumeNewline();
                    built.Append('\n');
                    break;
                default:
                {
                    var at = pos;
                    CheckTextChar(c, "string");
                    pos++;
                    built.Append(text, at, pos - at);
                    break;
                }
            }
        }
    }

    private string MultiLineLiteralString()
    {
        var quote = Here();
        pos += 3;
        openDelimiter = "'''";
        SkipNewlineAfterOpeningDelimiter();
        var built = buffer.Clear();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(
                    DiagnosticCodes.Toml.String,
                    "unterminated multi-line literal string: expected \"'''\" before the end of the file",
                    "close the string with '''",
                    quote);
            }

            var c = text[pos];
            switch (c)
            {
                case '\'':
                {
                    var run = QuoteRun('\'');
                    if (run < 3)
                    {
                        built.Append('\'', run);
                        pos += run;
                        break;
                    }

                    openDelimiter = null;
                    if (run > 5)
                    {
                        pos += 5;
                        throw Error(
                            DiagnosticCodes.Toml.String,
                            "too many quotes after the end of a multi-line literal string",
                            "use a multi-line basic string (\"\"\") to hold runs of quotes");
                    }

                    built.Append('\'', run - 3);
                    pos += run;
                    return built.ToString();
                }

                case '\n' or '\r':
                    ConsumeNewline();
                    built.Append('\n');
                    break;
                default:
                {
                    var at = pos;
                    CheckTextChar(c, "string");
                    pos++;
                    built.Append(text, at, pos - at);
                    break;
                }
            }
        }
    }

    private void SkipNewlineAfterOpeningDelimiter()
    {
        if (Current == '\n' || (Current == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n'))
        {
            ConsumeNewline();
        }
    }

    private int QuoteRun(char quote)
    {
        var end = pos;
        while (end < text.Length && text[end] == quote)
        {
            end++;
        }

        return end - pos;
    }

    private bool IsLineEndingBackslash()
    {
        var index = pos + 1;
        while (index < text.Length && text[index] is ' ' or '\t')
        {
            index++;
        }

        return index < text.Length && (text[index] == '\n' || (text[index] == '\r' && index + 1 < text.Length && text[index + 1] == '\n'));
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (!AtEnd)
        {
            var c = text[pos];
            if (c is ' ' or '\t')
            {
                pos++;
            }
            else if (c is '\n' or '\r')
            {
                ConsumeNewline();
            }
            else
            {
                return;
            }
        }
    }

    private void Escape(StringBuilder built)
    {
        var start = Here();
        pos++;
        if (AtEnd)
        {
            throw Error(DiagnosticCodes.Toml.String, "unterminated string: a '\\' at the end of the file", "close the string", start);
        }

        var c = text[pos];
        switch (c)
        {
            case 'b': built.Append('\b'); break;
            case 't': built.Append('\t'); break;
            case 'n': built.Append('\n'); break;
            case 'f': built.Append('\f'); break;
            case 'r': built.Append('\r'); break;
            case '"': built.Append('"'); break;
            case '\\': built.Append('\\'); break;
            case 'u' or 'U':
            {
                var digits = c == 'u' ? 4 : 8;
                var value = 0L;
                for (var index = 1; index <= digits; index++)
                {
                    var digit = pos + index < text.Length ? HexValue(text[pos + index]) : -1;
                    if (digit < 0)
                    {
                        throw Error(
                            DiagnosticCodes.Toml.String,
                            $"invalid escape: \\{c} needs {digits} hexadecimal digits",
                            $"write \\{c}{new string('0', digits - 1)}A-style escapes",
                            start,
                            index + 1);
                    }

                    value = (value << 4) | (long)digit;
                }

                if (value > 0x10FFFF || !Rune.IsValid((int)value))
                {
                    throw Error(
                        DiagnosticCodes.Toml.String,
                        $"invalid escape: \\{text.Substring(pos, digits + 1)} is not a Unicode scalar value",
                        "escapes must name a character (not a surrogate, at most 10FFFF)",
                        start,
                        digits + 2);
                }

                var rune = new Rune((int)value);
                Span<char> chars = stackalloc char[2];
                built.Append(chars[..rune.EncodeToUtf16(chars)]);
                pos += digits;
                break;
            }

            default:
                throw Error(
                    DiagnosticCodes.Toml.String,
                    $"invalid escape sequence '\\{Printable(c)}'",
                    "the escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX; write a backslash as \\\\",
                    start,
                    2);
        }

        pos++;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Checks one char of string or comment text: no control characters but tab, no lone surrogates.</summary>
    private void CheckTextChar(char c, string where)
    {
        if (c < 0x20 || c == 0x7F)
        {
            if (c == '\t')
            {
                return;
            }

            throw Error(
                DiagnosticCodes.Toml.ControlCharacter,
                $"control character U+{(int)c:X4} in a {where}",
                where == "comment" ? "remove it" : $"write it as the escape \\u{(int)c:X4} in a basic string");
        }

        if (char.IsSurrogate(c))
        {
            if (char.IsHighSurrogate(c) && pos + 1 < text.Length && char.IsLowSurrogate(text[pos + 1]))
            {
                pos++;
                return;
            }

            throw Error(
                DiagnosticCodes.Toml.Encoding,
                $"lone surrogate U+{(int)c:X4} in a {where}",
                "the text is not valid Unicode; save the file as UTF-8");
        }
    }

    private TomlValue Scalar()
    {
        var start = Here();
        ScanScalar();
        if (pos - start.Pos == 10
            && IsDateShaped(start.Pos)
            && pos + 3 < text.Length
            && text[pos] == ' '
            && IsDigit(text[pos + 1])
            && IsDigit(text[pos + 2])
            && text[pos + 3] == ':')
        {
            pos++;
            ScanScalar();
        }

        var token = text.AsSpan(start.Pos, pos - start.Pos);
        var location = Location(start, pos);
        switch (token)
        {
            case "true":
                return new TomlBoolean(true, location);
            case "false":
                return new TomlBoolean(false, location);
            case "inf" or "+inf":
                return new TomlFloat(double.PositiveInfinity, location);
            case "-inf":
                return new TomlFloat(double.NegativeInfinity, location);
            case "nan" or "+nan" or "-nan":
                return new TomlFloat(double.NaN, location);
        }

        if (token.Length >= 10 && IsDateShaped(start.Pos))
        {
            return DateTimeValue(token, start, location);
        }

        if (token.Length >= 3 && IsDigit(token[0]) && IsDigit(token[1]) && token[2] == ':')
        {
            if (!TryParseTime(token, out var time, out var used, out var problem) || used != token.Length)
            {
                throw DateError(problem ?? "unexpected text after the time", start, token.Length);
            }

            return new TomlLocalTime(time, location);
        }

        return Number(token, start, location);
    }

    private void ScanScalar()
    {
        while (!AtEnd && IsScalarChar(text[pos]))
        {
            pos++;
        }
    }

    private bool IsDateShaped(int at) =>
        at + 10 <= text.Length
        && IsDigit(text[at]) && IsDigit(text[at + 1]) && IsDigit(text[at + 2]) && IsDigit(text[at + 3]) && text[at + 4] == '-'
        && IsDigit(text[at + 5]) && IsDigit(text[at + 6]) && text[at + 7] == '-' && IsDigit(text[at + 8]) && IsDigit(text[at + 9]);

    private TomlValue DateTimeValue(ReadOnlySpan<char> token, Mark start, SourceLocation location)
    {
        var year = Digits(token, 0, 4);
        var month = Digits(token, 5, 2);
        var day = Digits(token, 8, 2);
        if (year < 1)
        {
            throw DateError("year 0000 is not supported", start, 4);
        }

        if (month is < 1 or > 12)
        {
            throw DateError($"month {month:D2} is not 01-12", start, token.Length);
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw DateError($"day {day:D2} does not exist in {year:D4}-{month:D2}", start, token.Length);
        }

        var date = new DateOnly(year, month, day);
        if (token.Length == 10)
        {
            return new TomlLocalDate(date, location);
        }

        if (token[10] is not ('T' or 't' or ' '))
        {
            throw DateError($"expected 'T' or a space between the date and the time, found '{Printable(token[10])}'", start, token.Length);
        }

        if (!TryParseTime(token[11..], out var time, out var used, out var problem))
        {
            throw DateError(problem!, start, token.Length);
        }

        var dateTime = date.ToDateTime(time, DateTimeKind.Unspecified);
        var rest = token[(11 + used)..];
        if (rest.Length == 0)
        {
            return new TomlLocalDateTime(dateTime, location);
        }

        TimeSpan offset;
        if (rest is "Z" or "z")
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6
            && rest[0] is '+' or '-'
            && IsDigit(rest[1])
            && IsDigit(rest[2])
            && rest[3] == ':'
            && IsDigit(rest[4])
            && IsDigit(rest[5]))
        {
            var hours = Digits(rest, 1, 2);
            var minutes = Digits(rest, 4, 2);
            if (hours > 23 || minutes > 59)
            {
                throw DateError($"offset {rest.ToString()} is not a valid offset (hours 00-23, minutes 00-59)", start, token.Length);
            }

            if (hours > 14 || (hours == 14 && minutes > 0))
            {
                throw DateError($"offset {rest.ToString()} is beyond ±14:00, which is not supported", start, token.Length);
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            throw DateError($"expected 'Z' or an offset like +02:00 after the time, found '{rest.ToString()}'", start, token.Length);
        }

        if (dateTime.Ticks - offset.Ticks > DateTime.MaxValue.Ticks || dateTime.Ticks - offset.Ticks < 0)
        {
            throw DateError("the date-time is out of the supported range (0001-9999 in UTC)", start, token.Length);
        }

        return new TomlOffsetDateTime(new DateTimeOffset(dateTime, offset), location);
    }

    private static bool TryParseTime(ReadOnlySpan<char> token, out TimeOnly time, out int used, out string? problem)
    {
        time = default;
        used = 0;
        if (token.Length < 8
            || !IsDigit(token[0])
            || !IsDigit(token[1])
            || token[2] != ':'
            || !IsDigit(token[3])
            || !IsDigit(token[4])
            || token[5] != ':'
            || !IsDigit(token[6])
            || !IsDigit(token[7]))
        {
            problem = "expected a time as HH:MM:SS (seconds are required)";
            return false;
        }

        var hour = Digits(token, 0, 2);
        var minute = Digits(token, 3, 2);
        var second = Digits(token, 6, 2);
        if (hour > 23 || minute > 59 || second > 59)
        {
            problem = $"{token[..8].ToString()} is not a valid time (00:00:00-23:59:59)";
            return false;
        }

        used = 8;
        long fraction = 0;
        if (token.Length > 8 && token[8] == '.')
        {
            var index = 9;
            var scale = TimeSpan.TicksPerSecond;
            while (index < token.Length && IsDigit(token[index]))
            {
                if (scale > 1)
                {
                    scale /= 10;
                    fraction += (token[index] - '0') * scale;
                }

                index++;
            }

            if (index == 9)
            {
                problem = "expected digits after the '.' of the seconds";
                return false;
            }

            used = index;
        }

        time = new TimeOnly((hour * TimeSpan.TicksPerHour)
            + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond)
            + fraction);
        problem = null;
        return true;
    }

    private static int Digits(ReadOnlySpan<char> token, int start, int count)
    {
        var value = 0;
        for (var index = start; index < start + count; index++)
        {
            value = (value * 10) + (token[index] - '0');
        }

        return value;
    }

    private TomlValue Number(ReadOnlySpan<char> token, Mark start, SourceLocation location)
    {
        if (token.Length > 1 && token[0] == '0' && token[1] is 'x' or 'o' or 'b')
        {
            var radix = token[1] switch { 'x' => 16, 'o' => 8, _ => 2 };
            return new TomlInteger(RadixInteger(token, radix, start), location);
        }

        var index = 0;
        var negative = false;
        if (token[0] is '+' or '-')
        {
            negative = token[0] == '-';
            index = 1;
        }

        var isFloat = token.IndexOfAny('.', 'e', 'E') >= 0;
        if (index >= token.Length || !IsDigit(token[index]))
        {
            throw NumberError(
                $"'{token.ToString()}' is not a value",
                start,
                token.Length,
                "strings are quoted, numbers start with a digit, sign, inf or nan");
        }

        var integerStart = index;
        index = DigitRun(token, index, start);
        if (token[integerStart] == '0' && index - integerStart > 1)
        {
            throw NumberError(
                $"leading zero in '{token.ToString()}'",
                start,
                token.Length,
                "write the number without leading zeros (0x, 0o, 0b for other bases)");
        }

        if (!isFloat)
        {
            if (index != token.Length)
            {
                throw NumberError(
                    $"'{token.ToString()}' is not a number", start, token.Length, "integers are digits with single '_' between them");
            }

            return new TomlInteger(DecimalInteger(token[integerStart..], negative, start, token.Length), location);
        }

        if (index < token.Length && token[index] == '.')
        {
            index++;
            if (index >= token.Length || !IsDigit(token[index]))
            {
                throw NumberError(
                    $"'{token.ToString()}': expected a digit after the '.'",
                    start,
                    token.Length,
                    "write digits on both sides of the decimal point, as 0.5 or 5.0");
            }

            index = DigitRun(token, index, start);
        }

        if (index < token.Length && token[index] is 'e' or 'E')
        {
            index++;
            if (index < token.Length && token[index] is '+' or '-')
            {
                index++;
            }

            if (index >= token.Length || !IsDigit(token[index]))
            {
                throw NumberError(
                    $"'{token.ToString()}': expected digits in the exponent", start, token.Length, "write the exponent as e6, e+6 or e-6");
            }

            index = DigitRun(token, index, start);
        }

        if (index != token.Length)
        {
            throw NumberError($"'{token.ToString()}' is not a number", start, token.Length, "floats are written as 3.14, 1e6 or 6.02e+23");
        }

        var digits = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
        var length = 0;
        foreach (var c in token)
        {
            if (c != '_')
            {
                digits[length++] = c;
            }
        }

        var value = double.Parse(digits[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw NumberError($"'{token.ToString()}' is out of the range of a 64-bit float", start, token.Length, "use inf for infinity");
        }

        return new TomlFloat(value, location);
    }

    /// <summary>Skips digits with single underscores between them; returns the index after the run.</summary>
    private int DigitRun(ReadOnlySpan<char> token, int index, Mark start)
    {
        index++;
        while (index < token.Length)
        {
            if (IsDigit(token[index]))
            {
                index++;
            }
            else if (token[index] == '_')
            {
                if (index + 1 >= token.Length || !IsDigit(token[index + 1]))
                {
                    throw NumberError(
                        $"'{token.ToString()}': each '_' must be between two digits", start, token.Length, "remove the extra '_'");
                }

                index += 2;
            }
            else
            {
                break;
            }
        }

        return index;
    }

    private long DecimalInteger(ReadOnlySpan<char> digits, bool negative, Mark start, int length)
    {
        ulong value = 0;
        var limit = negative ? 9_223_372_036_854_775_808UL : long.MaxValue;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = (ulong)(c - '0');
            if (value > (limit - digit) / 10)
            {
                throw NumberError(
                    "integer out of the 64-bit range (-9223372036854775808 to 9223372036854775807)",
                    start,
                    length,
                    "use a float or a string for larger numbers");
            }

            value = (value * 10) + digit;
        }

        return negative ? (long)(0UL - value) : (long)value;
    }

    private long RadixInteger(ReadOnlySpan<char> token, int radix, Mark start)
    {
        var name = radix switch { 16 => "hexadecimal", 8 => "octal", _ => "binary" };
        if (token.Length == 2)
        {
            throw NumberError(
                $"'{token.ToString()}': expected {name} digits after the prefix",
                start,
                token.Length,
                "write for example 0xFF, 0o17 or 0b101");
        }

        ulong value = 0;
        var previousDigit = false;
        for (var index = 2; index < token.Length; index++)
        {
            var c = token[index];
            if (c == '_')
            {
                if (!previousDigit || index + 1 >= token.Length)
                {
                    throw NumberError(
                        $"'{token.ToString()}': each '_' must be between two digits", start, token.Length, "remove the extra '_'");
                }

                previousDigit = false;
                continue;
            }

            var digit = HexValue(c);
            if (digit < 0 || digit >= radix)
            {
                throw NumberError(
                    $"'{Printable(c)}' is not a {name} digit in '{token.ToString()}'",
                    start,
                    token.Length,
                    radix == 16 ? "hexadecimal digits are 0-9 a-f A-F" : $"{name} digits are 0-{radix - 1}");
            }

            if (value > ((ulong)long.MaxValue - (ulong)digit) / (ulong)radix)
            {
                throw NumberError(
                    $"'{token.ToString()}' is out of the 64-bit range (at most 9223372036854775807)",
                    start,
                    token.Length,
                    "use a smaller number");
            }

            value = (value * (ulong)radix) + (ulong)digit;
            previousDigit = true;
        }

        return (long)value;
    }

    private void SkipWhitespace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t')
        {
            pos++;
        }
    }

    private void SkipWhitespaceCommentsAndNewlines()
    {
        while (!AtEnd)
        {
            switch (text[pos])
            {
                case ' ' or '\t':
                    pos++;
                    break;
                case '\n' or '\r':
                    ConsumeNewline();
                    break;
                case '#':
                    SkipComment();
                    break;
                default:
                    return;
            }
        }
    }

    private void SkipComment()
    {
        pos++;
        while (!AtEnd)
        {
            var c = text[pos];
            if (c == '\n' || (c == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n'))
            {
                return;
            }

            CheckTextChar(c, "comment");
            pos++;
        }
    }

    /// <summary>After a statement: optional whitespace and comment, then a line break (left unread) or the end of the file.</summary>
    private void EndOfLine(string after)
    {
        SkipWhitespace();
        if (Current == '#')
        {
            SkipComment();
        }

        if (AtEnd)
        {
            return;
        }

        if (text[pos] == '\n' || (text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n'))
        {
            return; // the line break is read as the next statement, so that an error found after this point skips no further line
        }

        throw Error(
            DiagnosticCodes.Toml.Syntax,
            $"expected the end of the line after {after}, found {Found()}",
            "put each key/value pair and header on a line of its own");
    }

    private int AfterLineBreak() => AtEnd ? pos : pos + (text[pos] == '\r' ? 2 : 1);

    private void ConsumeNewline()
    {
        if (text[pos] == '\r')
        {
            if (pos + 1 >= text.Length || text[pos + 1] != '\n')
            {
                throw Error(
                    DiagnosticCodes.Toml.ControlCharacter,
                    "carriage return (U+000D) not followed by a line feed",
                    "use \\n or \\r\\n line endings");
            }

            pos++;
        }

        pos++;
        line++;
        lineStart = pos;
    }

    private bool StartsWith(string value) => text.AsSpan(pos).StartsWith(value, StringComparison.Ordinal);

    private Mark Here() => new(pos, line, lineStart);

    private SourceLocation Location(Mark start, int end) => new(file, start.Line, Column(start), CodePoints(start.Pos, end));

    private int Column(Mark mark) => CodePoints(mark.LineStart, mark.Pos) + 1;

    private int CodePoints(int start, int end)
    {
        end = Math.Min(end, text.Length);
        if (!hasSurrogates || end <= start)
        {
            return Math.Max(0, end - start);
        }

        var count = 0;
        for (var index = start; index < end; index++)
        {
            if (!char.IsLowSurrogate(text[index]) || index == start || !char.IsHighSurrogate(text[index - 1]))
            {
                count++;
            }
        }

        return count;
    }

    private string Found()
    {
        if (AtEnd)
        {
            return "the end of the file";
        }

        var c = text[pos];
        return c switch
        {
            '\n' => "the end of the line",
            '\r' => pos + 1 < text.Length && text[pos + 1] == '\n' ? "the end of the line" : "a carriage return",
            _ when char.IsHighSurrogate(c)
                && pos + 1 < text.Length
                && char.IsLowSurrogate(text[pos + 1]) => $"'{text.Substring(pos, 2)}' (U+{char.ConvertToUtf32(c, text[pos + 1]):X4})",
            _ when char.IsAscii(c) && !char.IsControl(c) => $"'{c}'",
            _ when char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) || c == '\uFEFF' => $"U+{(int)c:X4}",
            _ => $"'{c}' (U+{(int)c:X4})",
        };
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString();

    private TomlSyntaxError Error(string code, string message, string fix, Mark? at = null, int length = 1) =>
        new(Diagnostic.Error(code, message, fix, Location(at ?? Here(), (at ?? Here()).Pos + length)));

    private TomlSyntaxError DateError(string message, Mark start, int length) =>
        Error(
            DiagnosticCodes.Toml.DateTime,
            $"invalid date-time: {message}",
            "write dates as 1979-05-27, times as 07:32:00, date-times as 1979-05-27T07:32:00Z",
            start,
            length);

    private TomlSyntaxError NumberError(string message, Mark start, int length, string fix) =>
        Error(DiagnosticCodes.Toml.Number, $"invalid number: {message}", fix, start, length);

    private static TomlSyntaxError KeyError(string code, KeyPart part, string message, string fix) =>
        new(Diagnostic.Error(code, message, fix, part.Location));

    private int CheckDepth(int depth, KeyPart part)
    {
        if (depth > MaxDepth)
        {
            throw KeyError(DiagnosticCodes.Toml.TooDeep, part, $"tables nested deeper than {MaxDepth} levels", "flatten the document");
        }

        return depth;
    }

    private static string Position(SourceLocation location) =>
        location.HasPosition ? string.Create(CultureInfo.InvariantCulture, $"({location.Line},{location.Column})") : "(unknown)";

    private static string Describe(TomlValue value) => value switch
    {
        TomlTable => "an inline table",
        TomlArray => "an array",
        _ => "a " + value.TypeName + " value",
    };

    private static string DescribeEntry(TomlEntryBuilder entry) =>
        entry.Value is { } value ? Describe(value)
        : entry.ArrayOfTables is not null ? "an array of tables"
        : "a table";

    private static ImmutableArray<string> Names(List<KeyPart> keys)
    {
        var names = ImmutableArray.CreateBuilder<string>(keys.Count);
        foreach (var key in keys)
        {
            names.Add(key.Name);
        }

        return names.MoveToImmutable();
    }

    private static string Path(List<KeyPart> keys, int last)
    {
        var path = new StringBuilder();
        for (var index = 0; index <= last; index++)
        {
            if (index > 0)
            {
                path.Append('.');
            }

            path.Append(TomlWriter.FormatKey(keys[index].Name));
        }

        return path.ToString();
    }

    private readonly record struct Mark(int Pos, int Line, int LineStart);

    private readonly record struct KeyPart(string Name, SourceLocation Location);
}
