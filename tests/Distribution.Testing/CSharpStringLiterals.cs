using System.Text;

namespace Distribution.Testing;

/// <summary>
/// The text of every string literal in C# source (regular, verbatim, raw, interpolated; the holes of an interpolated
/// string are read as code, so a string inside a hole is a literal of its own), skipping comments and character
/// literals. Enough of the lexer to ask "does this source write X in a string", not a compiler.
/// </summary>
public static class CSharpStringLiterals
{
    /// <summary>Each literal's text with its 1-based line, in source order (an interpolated string's text without its holes).</summary>
    public static IReadOnlyList<(int Line, string Text)> In(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var found = new List<(int, string)>();
        var position = 0;
        Code(source, ref position, found, insideHole: false);
        return found;
    }

    // Reads code until the end, or until the '}' that closes an interpolation hole.
    private static void Code(string text, ref int i, List<(int, string)> found, bool insideHole)
    {
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '/' && At(text, i + 1) == '/')
            {
                i = text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;
            }
            else if (c == '/' && At(text, i + 1) == '*')
            {
                i = text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : text.Length;
            }
            else if (c == '\'')
            {
                i++;
                while (i < text.Length && text[i] != '\'')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else if (c is '"' or '$' or '@' && StringStart(text, i) is { } start)
            {
                ReadString(text, ref i, start, found);
            }
            else if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}')
            {
                if (insideHole && depth == 0)
                {
                    return;
                }

                depth--;
                i++;
            }
            else
            {
                i++;
            }
        }
    }

    private static (int Dollars, bool Verbatim, int Quotes)? StringStart(string text, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] == '_') && text[i] != '"')
        {
            return null;
        }

        var dollars = 0;
        var verbatim = false;
        var j = i;
        while (j < text.Length && (text[j] == '$' || (text[j] == '@' && !verbatim)))
        {
            dollars += text[j] == '$' ? 1 : 0;
            verbatim |= text[j] == '@';
            j++;
        }

        if (At(text, j) != '"')
        {
            return null;
        }

        var quotes = 0;
        while (At(text, j + quotes) == '"')
        {
            quotes++;
        }

        // "" is an empty string, """ or more opens a raw one.
        return (dollars, verbatim, quotes >= 3 ? quotes : 1);
    }

    private static void ReadString(string text, ref int i, (int Dollars, bool Verbatim, int Quotes) start, List<(int, string)> found)
    {
        var line = 1 + text.AsSpan(0, i).Count('\n');
        while (text[i] != '"')
        {
            i++;
        }

        i += start.Quotes;
        var content = new StringBuilder();
        if (start.Quotes >= 3)
        {
            var close = new string('"', start.Quotes);
            var end = text.IndexOf(close, i, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end;
            content.Append(text, i, end - i);
            i = Math.Min(text.Length, end + start.Quotes);
            found.Add((line, content.ToString()));
            return;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && start.Verbatim && At(text, i + 1) == '"')
            {
                content.Append('"');
                i += 2;
            }
            else if (c == '"')
            {
                i++;
                break;
            }
            else if (c == '\\' && !start.Verbatim)
            {
                content.Append(c).Append(At(text, i + 1));
                i += 2;
            }
            else if (c == '{' && start.Dollars > 0 && At(text, i + 1) == '{')
            {
                content.Append('{');
                i += 2;
            }
            else if (c == '{' && start.Dollars > 0)
            {
                i++;
                Code(text, ref i, found, insideHole: true);
                i++;
            }
            else
            {
                content.Append(c);
                i++;
            }
        }

        found.Add((line, content.ToString()));
    }

    private static char At(string text, int i) => i < text.Length ? text[i] : '\0';
}
