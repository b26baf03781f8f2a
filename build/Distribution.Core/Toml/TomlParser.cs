using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// Reads TOML 1.0.0. <see cref="Parse(string, string)"/> is strict: the first problem is thrown as a
/// <see cref="TomlException"/> carrying its position. <see cref="ParseTolerant(string, string)"/> reports every
/// problem (up to 100) and returns what could be read. Positions are 1-based lines and columns counted in Unicode
/// code points (a character outside the BMP counts once); a location's length is also in code points.
/// </summary>
public static class TomlParser
{
    /// <summary>Parses TOML text; throws <see cref="TomlException"/> at the first error.</summary>
    public static TomlTable Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return TomlReader.Read(text, file, strict: true).Document;
    }

    /// <summary>
    /// Parses UTF-8 bytes (a leading byte-order mark is allowed); throws <see cref="TomlException"/> for invalid UTF-8 or TOML.
    /// </summary>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = Decode(utf8, file, out var problem);
        return problem is not null ? throw new TomlException(problem) : Parse(text!, file);
    }

    /// <summary>Parses TOML text, reporting every error; the document holds the statements that could be read.</summary>
    public static TomlParseResult ParseTolerant(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return TomlReader.Read(text, file, strict: false);
    }

    /// <summary>
    /// As <see cref="ParseTolerant(string, string)"/> for UTF-8 bytes; invalid UTF-8 gives an empty document and one diagnostic.
    /// </summary>
    public static TomlParseResult ParseTolerant(ReadOnlySpan<byte> utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var text = Decode(utf8, file, out var problem);
        return problem is not null
            ? new TomlParseResult(new TomlTable([], new SourceLocation(file, 1, 1), TomlTableKind.Root), [problem])
            : ParseTolerant(text!, file);
    }

    /// <summary>
    /// Decodes UTF-8 bytes strictly, as the byte overloads do: a leading byte-order mark is kept as U+FEFF (the reader
    /// skips it, and the editor keeps it, so a file written back keeps its BOM); invalid UTF-8 gives a
    /// <c>TOML002</c> diagnostic at its line and column instead of replacement characters.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> utf8, string file, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out Diagnostic? problem)
    {
        ArgumentNullException.ThrowIfNull(file);
        var decoded = Decode(utf8, file, out var found);
        if (decoded is null)
        {
            text = null;
            problem = found!;
            return false;
        }

        text = decoded;
        problem = null;
        return true;
    }

    /// <summary>Parses and also returns where each statement is, for the editor.</summary>
    internal static (TomlTable Document, List<TomlStatement> Statements) ParseWithStatements(string text, string file)
    {
        var statements = new List<TomlStatement>();
        var document = TomlReader.Read(text, file, strict: true, statements).Document;
        return (document, statements);
    }

    private static string? Decode(ReadOnlySpan<byte> utf8, string file, out Diagnostic? problem)
    {
        problem = null;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, utf8.Length));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, written);
            }

            var before = utf8[..read];
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            var column = 1;
            foreach (var b in before[lineStart..])
            {
                if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            var bad = read < utf8.Length ? $"0x{utf8[read]:X2}" : "the end";
            problem = Diagnostic.Error(
                DiagnosticCodes.Toml.Encoding,
                $"invalid UTF-8 at byte {read} ({bad}): TOML files must be UTF-8",
                "save the file as UTF-8",
                new SourceLocation(file, line, column, 1));
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
