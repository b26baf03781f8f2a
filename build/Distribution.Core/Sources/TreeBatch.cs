using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Distribution.Core.Sources;

/// <summary>
/// The trees and commit times of many components of one repository from a single
/// <c>git cat-file --batch=<see cref="Format"/></c>: for every commit it asks <c>COMMIT</c> (the commit object, whose
/// committer line gives the time) and <c>COMMIT^{tree}</c> (its root tree must be readable), and for every folder
/// <c>COMMIT:PATH</c>. Each answer is a header (<c>ID TYPE SIZE</c>, or <c>NAME missing</c>) followed by SIZE bytes
/// of content and a newline, so the output is read as bytes.
/// </summary>
public static class TreeBatch
{
    /// <summary>The format of each answer's header.</summary>
    public const string Format = "%(objectname) %(objecttype) %(objectsize)";

    /// <summary>The object names to ask, one per line of standard input, each once.</summary>
    public static ImmutableArray<string> Names(IEnumerable<TreeQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = queries.ToList();
        foreach (var query in list)
        {
            if (query.Commit.AsSpan().IndexOfAny('\n', '\r') >= 0 || query.Path.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                throw new ArgumentException($"an object name cannot hold a line break: {query}", nameof(queries));
            }

            if (seen.Add(query.Commit))
            {
                names.Add(query.Commit);
                names.Add(RootOf(query.Commit));
            }
        }

        foreach (var query in list.Where(query => query.Path.Length > 0))
        {
            if (seen.Add(FolderOf(query)))
            {
                names.Add(FolderOf(query));
            }
        }

        return [.. names];
    }

    /// <summary>
    /// Reads the output of <c>git cat-file --batch=<see cref="Format"/></c> given <see cref="Names"/> of
    /// <paramref name="queries"/>: a lookup for every query whose commit's root tree is there (a query whose commit or
    /// root tree is missing has none: the caller asks again alone, to get git's own error). Throws
    /// <see cref="FormatException"/> when the output is not one answer per name.
    /// </summary>
    public static ImmutableDictionary<TreeQuery, TreeLookup> Parse(ReadOnlySpan<byte> output, IEnumerable<TreeQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var list = queries.ToList();
        var answers = new Dictionary<string, Answer?>(StringComparer.Ordinal);
        var position = 0;
        foreach (var name in Names(list))
        {
            var end = output[position..].IndexOf((byte)'\n');
            if (end < 0)
            {
                throw new FormatException($"the answer for '{name}' is missing");
            }

            var header = Encoding.UTF8.GetString(output.Slice(position, end));
            position += end + 1;
            if (header == name + " missing" || header == name + " ambiguous")
            {
                answers[name] = null;
                continue;
            }

            var parts = header.Split(' ');
            if (parts.Length != 3
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || output.Length - position < size + 1
                || output[position + size] != (byte)'\n')
            {
                throw new FormatException($"the answer for '{name}' is not 'ID TYPE SIZE' and its content: '{header}'");
            }

            var content = output.Slice(position, size);
            answers[name] = new Answer(parts[0], parts[1], parts[1] == "commit" ? CommitterTime(content) : null);
            position += size + 1;
        }

        if (position != output.Length)
        {
            throw new FormatException($"{output.Length - position} byte(s) more than one answer per name");
        }

        var result = ImmutableDictionary.CreateBuilder<TreeQuery, TreeLookup>();
        foreach (var query in list)
        {
            if (answers[RootOf(query.Commit)] is not { Type: "tree" } root)
            {
                continue;
            }

            var tree = query.Path.Length == 0 ? root.Id : answers[FolderOf(query)] is { Type: "tree" } folder ? folder.Id : null;
            result[query] = new TreeLookup(tree, answers[query.Commit]?.Committed);
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The committer time of a commit object (<c>committer NAME &lt;EMAIL&gt; EPOCH ±HHMM</c> among its headers), with
    /// the committer's offset, as <c>git show -s --format=%cI</c> gives it; null when there is none that reads.
    /// </summary>
    public static DateTimeOffset? CommitterTime(ReadOnlySpan<byte> commit)
    {
        var text = Encoding.UTF8.GetString(commit);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                return null; // the end of the headers
            }

            if (!line.StartsWith("committer ", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line[(line.LastIndexOf('>') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2
                || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || fields[1].Length != 5 || fields[1][0] is not ('+' or '-')
                || !int.TryParse(fields[1].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var zone)
                || zone % 100 >= 60 || ((zone / 100) * 60) + (zone % 100) > 14 * 60
                || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() - (14 * 3600))
            {
                return null;
            }

            var minutes = ((zone / 100) * 60) + (zone % 100);
            return DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(TimeSpan.FromMinutes(fields[1][0] == '-' ? -minutes : minutes));
        }

        return null;
    }

    private static string RootOf(string commit) => commit + "^{tree}";

    private static string FolderOf(TreeQuery query) => $"{query.Commit}:{query.Path}";

    private sealed record Answer(string Id, string Type, DateTimeOffset? Committed);
}
