using System.Text.RegularExpressions;
using Distribution.Testing;

namespace Distribution.Integration.Tests;

/// <summary>What .editorconfig asks of the C# sources that the compiler's code-style analysis cannot check.</summary>
public sealed partial class CodeStyleTests
{
    /// <summary>
    /// No line of the C# sources in build/ and tests/ or of build/build.cake is over max_line_length (issue 18), except the
    /// content lines of multi-line raw string literals: test data (JSON, XML, TOML) whose text must stay as it is.
    /// </summary>
    [Fact]
    public void No_line_is_over_max_line_length()
    {
        var limit = MaxLineLength();
        var folders = new[] { "build", "tests" }.Select(folder => Path.Combine(TestPaths.RepositoryRoot, folder));
        var files = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Append(Path.Combine(TestPaths.RepositoryRoot, "build", "build.cake"));

        var longLines = LongLines(files, limit);

        Assert.Equal(140, limit);
        Assert.True(
            longLines.Count == 0,
            $"{longLines.Count} lines are over {limit} characters; wrap them: " + string.Join(", ", longLines));
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

    [Fact]
    public void The_content_lines_of_a_multi_line_raw_string_are_not_counted_and_the_code_around_it_is()
    {
        using var temp = new TempDirectory("style");
        var file = temp.Combine("Raw.cs");
        var quotes = new string('"', 3);
        File.WriteAllText(
            file,
            $"var a = {quotes}\n    {new string('x', 141)}\n    {quotes} + {new string('y', 141)};\n"
            + $"var b = {quotes}{new string('z', 141)}{quotes};\n{new string('w', 141)}\n");

        Assert.Equal(["Raw.cs(3)", "Raw.cs(4)", "Raw.cs(5)"], LongLines([file], 140));
    }

    private static List<string> LongLines(IEnumerable<string> files, int limit)
    {
        var found = new List<string>();
        foreach (var file in files)
        {
            string? rawDelimiter = null;
            var lines = File.ReadAllText(file).Split('\n');
            for (var index = 0; index < lines.Length; index++)
            {
                var line = lines[index].TrimEnd('\r');
                if (rawDelimiter is not null && !line.TrimStart().StartsWith(rawDelimiter, StringComparison.Ordinal))
                {
                    continue;
                }

                if (line.Length > limit)
                {
                    found.Add($"{Path.GetFileName(file)}({index + 1})");
                }

                rawDelimiter = rawDelimiter is null ? RawStringOpenedBy(line) : null;
            }
        }

        return found;
    }

    /// <summary>The quotes that close the multi-line raw string literal this line opens (it ends with them), or null.</summary>
    private static string? RawStringOpenedBy(string line)
    {
        var match = RawStringOpening().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var delimiter = match.Groups[1].Value;
        var occurrences = Regex.Count(line, Regex.Escape(delimiter) + "(?!\")");
        return occurrences % 2 == 1 ? delimiter : null;
    }

    [GeneratedRegex("(?<!\")(\"{3,})\\s*$")]
    private static partial Regex RawStringOpening();

    [GeneratedRegex(@"^\[.*[.{,]cs[,}\]]")]
    private static partial Regex CSharpSection();

    [GeneratedRegex(@"^max_line_length\s*=\s*(\d+)$")]
    private static partial Regex MaxLineLengthSetting();
}
