using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Packaging;

/// <summary>
/// Parses a recipe's text and reads it: TOML syntax errors and recipe problems both surface as <see cref="UserErrorException"/>.
/// </summary>
public static class RecipeText
{
    public static Recipe Parse(string name, string text, string file)
    {
        TomlTable document;
        try
        {
            document = TomlParser.Parse(text, file);
        }
        catch (TomlException exception)
        {
            throw new UserErrorException(exception.Diagnostic);
        }

        return RecipeReader.Read(name, text, document, file);
    }

    /// <summary>
    /// As <see cref="Parse(string, string, string)"/> for the file's bytes: invalid UTF-8 is a <c>TOML002</c> error at its place.
    /// </summary>
    public static Recipe Parse(string name, ReadOnlySpan<byte> utf8, string file)
    {
        if (!TomlParser.TryDecode(utf8, file, out var text, out var problem))
        {
            throw new UserErrorException(problem);
        }

        // The text is hashed into the build cache key: without the BOM, as it was read before.
        return Parse(name, text.StartsWith('\uFEFF') ? text[1..] : text, file);
    }
}
