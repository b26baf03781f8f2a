using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>An extension at a version as bundles and the command line write it: <c>mongodb@1.2.0</c>.</summary>
public sealed partial record ExtensionPin(string Name, NuGetVersion Version)
{
    /// <summary>Reads <c>name@version</c>; on failure <paramref name="error"/> says what is wrong and how to write it.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ExtensionPin? pin, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pin = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            error = $"'{text}' is not name@version — write it like \"mongodb@1.2.0\"";
            return false;
        }

        var name = text[..at];
        var versionText = text[(at + 1)..];
        if (!IsValidName(name))
        {
            error = $"'{name}' in '{text}' is not an extension name — names are "
                + "lower-case letters, digits and '-', starting with a letter";
            return false;
        }

        if (!CanonicalSemver.TryParse(versionText, out var version))
        {
            error = $"'{versionText}' in '{text}' is not a canonical SemVer version — {CanonicalSemver.FixFor(versionText)}";
            return false;
        }

        pin = new ExtensionPin(name, version);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Extension names: lower-case letters, digits and '-', starting with a letter (they become ids <c>ext-NAME</c>, tags and paths).
    /// </summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    public override string ToString() => $"{Name}@{Version.ToNormalizedString()}";

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
