using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Distribution.Testing;

/// <summary>
/// Approval testing in Verify's file conventions: the expected text lives in
/// <c>Snapshots/{Class}.{Method}.verified.{ext}</c> beside the test's source file. On a mismatch (or when no
/// verified file exists yet) the actual text is written to <c>….received.{ext}</c> and the test fails; review the
/// received file and rename it, or run with <c>ACCEPT_SNAPSHOTS=1</c> to accept every received text.
/// Temp paths, the repository root, timestamps, the random part of <see cref="TempDirectory"/> names and GUIDs
/// (numbered <c>Guid_1</c>, <c>Guid_2</c>, … in order of appearance, as Verify does) are scrubbed, so snapshots
/// hold on any machine, day and run. The clock is never read: a test whose output holds "today" passes the date it
/// gave the code as <c>today</c>, and that date becomes <c>{Today}</c> in the actual and the verified text alike, so a
/// snapshot holding a fixed date (2027-09-01) matches on that day too.
/// </summary>
public static partial class Snapshot
{
    public const string AcceptVariable = "ACCEPT_SNAPSHOTS";

    /// <summary>Compares <paramref name="actual"/> with the verified snapshot for the calling test.</summary>
    public static void Match(
        string actual,
        string extension = "txt",
        string? name = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "",
        DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
        var stem = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{name ?? method}";
        var verified = Path.Combine(directory, $"{stem}.verified.{extension}");
        var received = Path.Combine(directory, $"{stem}.received.{extension}");
        var text = Scrub(actual, today);

        var expected = File.Exists(verified) ? ScrubToday(Normalise(File.ReadAllText(verified)), today) : null;
        if (expected == text)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verified, text, new UTF8Encoding(false));
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, text, new UTF8Encoding(false));
        throw new SnapshotMismatchException(expected is null
            ? $"No verified snapshot {verified}. Review {received}, then rename "
                + $"it to .verified.{extension} (or run with {AcceptVariable}=1)."
            : $"Snapshot {verified} differs: {FirstDifference(expected, text)}. Review "
                + $"{received}, then accept it (rename, or {AcceptVariable}=1) or fix the code.");
    }

    /// <summary>The scrubbing applied to every snapshot, exposed so tests can check what they compare.</summary>
    public static string Scrub(string text, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Normalise(text);
        foreach (var (path, token) in PathTokens())
        {
            text = text.Replace(path, token, StringComparison.Ordinal);
        }

        text = TempDirectoryName().Replace(text, match => $"{TempDirectory.NamePrefix}{match.Groups["prefix"].Value}-{{Id}}");
        var guids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        text = GuidPattern().Replace(text, match =>
        {
            if (!guids.TryGetValue(match.Value, out var token))
            {
                token = $"Guid_{guids.Count + 1}";
                guids[match.Value] = token;
            }

            return token;
        });
        text = Timestamp().Replace(text, "{Timestamp}");
        return ScrubToday(text, today);
    }

    private static string ScrubToday(string text, DateOnly? today) =>
        today is { } date
            ? text.Replace(
                date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "{Today}", StringComparison.Ordinal)
            : text;

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static IEnumerable<(string Path, string Token)> PathTokens()
    {
        // Longest first, so that a temp folder inside the repository is named as such.
        var tokens = new List<(string, string)>
        {
            (TestPaths.RepositoryRoot.TrimEnd('/'), "{Repository}"),
            (Path.GetTempPath().TrimEnd('/'), "{Temp}"),
        };
        return tokens.Where(token => token.Item1.Length > 1).OrderByDescending(token => token.Item1.Length);
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var line = 0; line < Math.Max(expectedLines.Length, actualLines.Length); line++)
        {
            var left = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
            var right = line < actualLines.Length ? actualLines[line] : "<end of file>";
            if (left != right)
            {
                return $"line {line + 1}: expected '{left}' but got '{right}'";
            }
        }

        return "they differ";
    }

    // TempDirectory's names: pdist-PREFIX-HEX, the hex part cut from a random GUID.
    [GeneratedRegex(@"pdist-(?<prefix>[A-Za-z0-9._-]*?)-[0-9a-f]{1,32}(?![0-9A-Za-z])")]
    private static partial Regex TempDirectoryName();

    [GeneratedRegex(@"(?<![0-9A-Za-z-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z-])")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();
}
