using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Parses commit messages as Conventional Commits 1.0.0. The footers are the trailing paragraphs that start
/// with a footer token (<c>Token: value</c> or <c>Token #value</c>); a paragraph starting with
/// <c>BREAKING CHANGE:</c> / <c>BREAKING-CHANGE:</c> always starts the footers, so that its value may span
/// several paragraphs. Never throws: anything that is not a conventional header is kept as a plain commit.
/// </summary>
public static partial class ConventionalCommitParser
{
    public static ConventionalCommit Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var first = 0;
        while (first < lines.Length && lines[first].Trim().Length == 0)
        {
            first++;
        }

        var subject = first < lines.Length ? lines[first].Trim() : string.Empty;
        var paragraphs = Paragraphs(lines.Skip(first + 1));
        var header = Header().Match(subject);
        if (!header.Success)
        {
            // Not conventional: the whole message stays, nothing is guessed from it.
            return new ConventionalCommit(false, string.Empty, string.Empty, false, subject, string.Join("\n\n", paragraphs), [], []);
        }

        var footerStart = FooterStart(paragraphs);
        var body = string.Join("\n\n", paragraphs.Take(footerStart));
        var footers = ParseFooters(paragraphs.Skip(footerStart));
        var bang = header.Groups["bang"].Success;
        var breaking = footers.Where(footer => footer.IsBreakingChange)
            .Select(footer => footer.Value)
            .Where(value => value.Length > 0)
            .ToImmutableArray();
        var description = header.Groups["description"].Value.Trim();
        if (bang && breaking.IsEmpty)
        {
            breaking = [description];
        }

        return new ConventionalCommit(
            true,
            header.Groups["type"].Value.ToLowerInvariant(),
            header.Groups["scope"].Value.Trim(),
            bang || !breaking.IsEmpty,
            description,
            body,
            footers,
            breaking);
    }

    /// <summary>The pull request numbers referred to as <c>(#123)</c> in <paramref name="text"/>, in order of appearance.</summary>
    public static ImmutableArray<int> PullRequestReferences(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. PullRequestReference().Matches(text)
            .Select(match => int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : 0)
            .Where(number => number > 0)
            .Distinct()];
    }

    private static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                Flush();
            }
            else
            {
                current.Add(line.TrimEnd());
            }
        }

        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Count > 0)
            {
                paragraphs.Add(string.Join('\n', current));
                current.Clear();
            }
        }
    }

    private static int FooterStart(List<string> paragraphs)
    {
        for (var index = 0; index < paragraphs.Count; index++)
        {
            if (BreakingFooter().IsMatch(paragraphs[index]))
            {
                return index;
            }
        }

        var start = paragraphs.Count;
        while (start > 0 && FooterToken().IsMatch(paragraphs[start - 1]))
        {
            start--;
        }

        return start;
    }

    private static ImmutableArray<CommitFooter> ParseFooters(IEnumerable<string> paragraphs)
    {
        var footers = ImmutableArray.CreateBuilder<CommitFooter>();
        string? token = null;
        var value = new List<string>();
        foreach (var paragraph in paragraphs)
        {
            if (token is not null)
            {
                value.Add(string.Empty);
            }

            foreach (var line in paragraph.Split('\n'))
            {
                var match = FooterToken().Match(line);
                if (match.Success)
                {
                    Flush();
                    token = match.Groups["token"].Value;
                    value.Add(line[match.Length..].Trim());
                }
                else if (token is not null)
                {
                    value.Add(line.Trim());
                }
            }
        }

        Flush();
        return footers.ToImmutable();

        void Flush()
        {
            if (token is not null)
            {
                footers.Add(new CommitFooter(token, string.Join('\n', value).Trim('\n')));
            }

            token = null;
            value.Clear();
        }
    }

    [GeneratedRegex(
        @"^(?<type>[A-Za-z][A-Za-z0-9_-]*)(\((?<scope>[^()]*)\))?(?<bang>!)?: (?<description>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Header();

    [GeneratedRegex(@"^(?<token>BREAKING[ -]CHANGE|[A-Za-z][A-Za-z0-9-]*)(: | #)", RegexOptions.CultureInvariant)]
    private static partial Regex FooterToken();

    [GeneratedRegex(@"^BREAKING[ -]CHANGE: ", RegexOptions.CultureInvariant)]
    private static partial Regex BreakingFooter();

    [GeneratedRegex(@"\(#(?<number>[0-9]{1,9})\)", RegexOptions.CultureInvariant)]
    private static partial Regex PullRequestReference();
}
