using System.Collections.Immutable;
using System.Text;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Contract;

/// <summary>
/// The SHA256SUMS file: <c>HEX␠␠NAME</c> lines sorted by name (ordinal), <c>\n</c> line endings, as
/// <c>sha256sum -c</c> and <c>shasum -a 256 -c</c> read them.
/// </summary>
public static class Sha256Sums
{
    public const string DiagnosticCode = DiagnosticCodes.Publishing.BadSha256Sums;

    public static string Render(IEnumerable<KeyValuePair<string, string>> hashesByName)
    {
        ArgumentNullException.ThrowIfNull(hashesByName);
        var text = new StringBuilder();
        foreach (var (name, hash) in hashesByName.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0
                || name.Contains('\n', StringComparison.Ordinal)
                || name.Contains('\\', StringComparison.Ordinal)
                || name.Contains('/', StringComparison.Ordinal))
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

    /// <summary>Reads the lines back: name → hash (<see cref="Parse(string, string)"/> naming the file <c>SHA256SUMS</c>).</summary>
    public static ImmutableSortedDictionary<string, string> Parse(string text) => Parse(text, BundleFiles.Sums);

    /// <summary>
    /// The one reader of SHA256SUMS: <c>&lt;hex&gt;  &lt;name&gt;</c> lines (also <c>&lt;hex&gt; *&lt;name&gt;</c>), file name →
    /// lower-case hex SHA-256; a bad or repeated line is a PUB002 diagnostic at its place in <paramref name="file"/>.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sums = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            if (line.Length == 0)
            {
                continue;
            }

            var hash = line.Length > 66 ? line[..64] : string.Empty;
            var separator = line.Length > 66 ? line[64..66] : string.Empty;
            var name = line.Length > 66 ? line[66..] : string.Empty;
            if (!ContractJson.IsSafeRelativePath(name)
                || name.Contains('/', StringComparison.Ordinal)
                || !ContractJson.IsSha256(hash)
                || (separator != "  " && separator != " *"))
            {
                throw UserErrorException.At(
                    new SourceLocation(file, number, 1),
                    DiagnosticCode,
                    $"line {number} is not '<64 hex>  <file name>'",
                    "write SHA256SUMS again with the tool that made the bundle");
            }

            if (!sums.TryAdd(name, hash))
            {
                throw UserErrorException.At(
                    new SourceLocation(file, number, 67),
                    DiagnosticCode,
                    $"'{name}' is listed twice",
                    "write SHA256SUMS again with the tool that made the bundle");
            }
        }

        return sums.ToImmutable();
    }
}
