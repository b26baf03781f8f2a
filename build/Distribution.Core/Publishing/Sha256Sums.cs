using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Publishing;

/// <summary>Reads a <c>SHA256SUMS</c> file: <c>&lt;hex&gt;  &lt;name&gt;</c> lines (docs/formats.md); errors are PUB002.</summary>
public static class Sha256Sums
{
    public const string DiagnosticCode = DiagnosticCodes.Publishing.BadSha256Sums;

    /// <summary>File name → lower-case hex SHA-256.</summary>
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
            if (!PublishJson.IsSafeRelativePath(name) || name.Contains('/', StringComparison.Ordinal) || !PublishJson.IsSha256(hash) || (separator != "  " && separator != " *"))
            {
                throw UserErrorException.At(new SourceLocation(file, number, 1), DiagnosticCode, $"line {number} is not '<64 hex>  <file name>'", "write SHA256SUMS again with the tool that made the bundle");
            }

            if (!sums.TryAdd(name, hash))
            {
                throw UserErrorException.At(new SourceLocation(file, number, 67), DiagnosticCode, $"'{name}' is listed twice", "write SHA256SUMS again with the tool that made the bundle");
            }
        }

        return sums.ToImmutable();
    }
}
