using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Packaging;

/// <summary>Parses a recipe's text and reads it: TOML syntax errors and recipe problems both surface as <see cref="UserErrorException"/>.</summary>
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
}
