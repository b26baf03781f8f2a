using System.Collections.Immutable;
using System.Text;

namespace Distribution.Core.Packaging;

/// <summary>
/// The SHA256SUMS file: <c>HEX␠␠NAME</c> lines sorted by name (ordinal), <c>\n</c> line endings, as
/// <c>sha256sum -c</c> and <c>shasum -a 256 -c</c> read them.
/// </summary>
public static class Sha256Sums
{
    public static string Render(IEnumerable<KeyValuePair<string, string>> hashesByName)
    {
        ArgumentNullException.ThrowIfNull(hashesByName);
        var text = new StringBuilder();
        foreach (var (name, hash) in hashesByName.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.Contains('\n', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' cannot be listed in SHA256SUMS (a plain file name is needed)", nameof(hashesByName));
            }

            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
            {
                throw new ArgumentException($"'{hash}' is not a lower-case hex SHA-256 (for '{name}')", nameof(hashesByName));
            }

            text.Append(hash).Append("  ").Append(name).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads the lines back: name → hash.</summary>
    public static ImmutableSortedDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf("  ", StringComparison.Ordinal);
            if (separator != 64)
            {
                throw new FormatException($"'{line}' is not a SHA256SUMS line (HEX, two spaces, NAME)");
            }

            result[line[(separator + 2)..]] = line[..separator];
        }

        return result.ToImmutable();
    }
}
