using System.Text.RegularExpressions;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Puts a release's entry into the text of a Keep a Changelog file, touching nothing else: the entry goes on
/// top of the releases (below the header and an <c>## [Unreleased]</c> section), or replaces the entry of the
/// same release where one exists, so running twice leaves one entry. Every other byte is kept as it was,
/// including line endings; link reference definitions at the end stay at the end.
/// </summary>
public static partial class ChangelogUpdater
{
    /// <param name="existing">The file's text, or null when there is no file yet (the header is written then).</param>
    /// <param name="release">The release id, as in <c>## [stable-3.2]</c>.</param>
    /// <param name="entry">The entry, starting with its <c>## [release]</c> heading and ending with a line break.</param>
    public static string Update(string? existing, string release, string entry)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(entry);
        entry = entry.TrimEnd('\n', '\r') + "\n";
        if (string.IsNullOrEmpty(existing))
        {
            return ChangelogRenderer.Header + "\n" + entry;
        }

        var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (newline != "\n")
        {
            entry = entry.Replace("\n", newline, StringComparison.Ordinal);
        }

        var lines = Lines(existing);
        var headings = new List<(int Index, string Id)>();
        var fenced = false;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = existing.Substring(lines[index].Start, lines[index].Length);
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            var match = fenced ? Match.Empty : Heading().Match(line);
            if (match.Success)
            {
                headings.Add((index, match.Groups["id"].Value.Trim()));
            }
        }

        var references = ReferencesStart(existing, lines);
        var same = headings.FindIndex(heading => heading.Id.Equals(release, StringComparison.OrdinalIgnoreCase));
        if (same >= 0)
        {
            var start = lines[headings[same].Index].Start;
            var end = same + 1 < headings.Count ? lines[headings[same + 1].Index].Start : references;
            var after = end < existing.Length ? newline : string.Empty;
            return string.Concat(existing.AsSpan(0, start), entry, after, existing.AsSpan(end));
        }

        var firstRelease = headings.FirstOrDefault(heading => !heading.Id.Equals("Unreleased", StringComparison.OrdinalIgnoreCase));
        var at = firstRelease.Id is not null ? lines[firstRelease.Index].Start : references;
        var before = existing[..at];
        var separator = before.Length == 0 || before.EndsWith(newline + newline, StringComparison.Ordinal) ? string.Empty
            : before.EndsWith(newline, StringComparison.Ordinal) ? newline
            : newline + newline;
        return before + separator + entry + (at < existing.Length ? newline : string.Empty) + existing[at..];
    }

    private static List<(int Start, int Length)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            var length = (end < 0 ? text.Length : end) - start;
            if (length > 0 && text[start + length - 1] == '\r')
            {
                length--;
            }

            lines.Add((start, length));
            start = next;
        }

        return lines;
    }

    /// <summary>
    /// Where the trailing block of link reference definitions (<c>[1.0.0]: https://…</c>) starts; the text's length when there is none.
    /// </summary>
    private static int ReferencesStart(string text, List<(int Start, int Length)> lines)
    {
        var start = text.Length;
        for (var index = lines.Count - 1; index >= 0; index--)
        {
            var line = text.Substring(lines[index].Start, lines[index].Length);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!Reference().IsMatch(line))
            {
                break;
            }

            start = lines[index].Start;
        }

        return start;
    }

    [GeneratedRegex(@"^##[ \t]+\[(?<id>[^\]]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
