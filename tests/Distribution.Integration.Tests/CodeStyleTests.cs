using System.Text.RegularExpressions;
using Distribution.Testing;

namespace Distribution.Integration.Tests;

/// <summary>What .editorconfig asks of the C# sources that the compiler's code-style analysis cannot check.</summary>
public sealed partial class CodeStyleTests
{
    /// <summary>Lines over max_line_length in build/ and tests/ C# files when this was written.</summary>
    /// <remarks>Lower this as lines are wrapped; issue 18 wants 0.</remarks>
    private const int LongLinesAllowed = 1684;

    [Fact]
    public void No_more_lines_over_max_line_length_than_the_ratchet_allows()
    {
        var limit = MaxLineLength();
        var folders = new[] { "build", "tests" }.Select(folder => Path.Combine(TestPaths.RepositoryRoot, folder));
        var files = folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories));

        var longLines = LongLines(files, limit);

        Assert.Equal(140, limit);
        Assert.True(
            longLines.Count <= LongLinesAllowed,
            $"{longLines.Count} lines are over {limit} characters, {longLines.Count - LongLinesAllowed} more than the "
            + $"{LongLinesAllowed} allowed; wrap the new ones (the first long lines: "
            + string.Join(", ", longLines.Take(5)) + ")");
    }

    [Fact]
    public void A_line_one_character_over_the_limit_is_counted_and_one_at_it_is_not()
    {
        using var temp = new TempDirectory("style");
        var file = temp.Combine("Long.cs");
        File.WriteAllText(file, new string('x', 140) + "\n" + new string('y', 141) + "\r\n" + "short\n" + new string('z', 141));

        Assert.Equal(["Long.cs(2)", "Long.cs(4)"], LongLines([file], 140));
    }

    /// <summary>max_line_length of the [*.cs] sections of the repository's .editorconfig.</summary>
    private static int MaxLineLength()
    {
        var section = string.Empty;
        int? limit = null;
        foreach (var line in File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, ".editorconfig")).Select(line => line.Trim()))
        {
            if (line.StartsWith('['))
            {
                section = line;
            }
            else if (CSharpSection().IsMatch(section) && MaxLineLengthSetting().Match(line) is { Success: true } match)
            {
                limit = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return limit ?? throw new InvalidOperationException(".editorconfig sets no max_line_length for *.cs");
    }

    private static List<string> LongLines(IEnumerable<string> files, int limit) =>
        [.. files.SelectMany(file => File.ReadAllText(file).Split('\n')
            .Select((line, index) => (line.TrimEnd('\r').Length, Number: index + 1))
            .Where(line => line.Length > limit)
            .Select(line => $"{Path.GetFileName(file)}({line.Number})"))];

    [GeneratedRegex(@"^\[.*[.{,]cs[,}\]]")]
    private static partial Regex CSharpSection();

    [GeneratedRegex(@"^max_line_length\s*=\s*(\d+)$")]
    private static partial Regex MaxLineLengthSetting();
}
