using System.Collections.Immutable;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Turns the commits of a range into <see cref="ComponentChanges"/>: merges and bot commits are left out,
/// everything else is kept (a commit that does not follow the convention goes under Other), each classified
/// once: breaking first, then feat, fix, perf, other.
/// </summary>
public static class ReleaseNotesBuilder
{
    /// <param name="commits">The commits of the range, newest first as <c>git log</c> lists them; shown in that order.</param>
    public static ComponentChanges ForComponent(
        ComponentId component, NuGetVersion? from, NuGetVersion? to, IEnumerable<CommitRecord> commits, string webUrl = "")
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(commits);
        var entries = ImmutableArray.CreateBuilder<ChangeEntry>();
        var skipped = 0;
        foreach (var commit in commits)
        {
            if (commit.IsMerge || commit.IsBot)
            {
                skipped++;
                continue;
            }

            entries.Add(Classify(commit));
        }

        var ordered = entries.OrderBy(entry => entry.Category).ToImmutableArray(); // stable: keeps log order inside a section
        return new ComponentChanges(component, from, to, ordered, Contributors(ordered))
        {
            WebUrl = webUrl ?? string.Empty,
            Skipped = skipped
        };
    }

    public static ChangeEntry Classify(CommitRecord commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var parsed = ConventionalCommitParser.Parse(commit.Message);
        var category = parsed switch
        {
            { IsBreaking: true } => ChangeCategory.Breaking,
            { Type: "feat" } => ChangeCategory.Feature,
            { Type: "fix" } => ChangeCategory.Fix,
            { Type: "perf" } => ChangeCategory.Performance,
            _ => ChangeCategory.Other,
        };
        return new ChangeEntry(commit, parsed, category, ConventionalCommitParser.PullRequestReferences(commit.Subject));
    }

    /// <summary>Authors and <c>Co-authored-by</c> names of the entries (bots left out), sorted, each once.</summary>
    public static ImmutableArray<string> Contributors(IEnumerable<ChangeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = new List<string>();
        foreach (var entry in entries)
        {
            names.Add(entry.Commit.AuthorName);
            names.AddRange(entry.Parsed.Footers.Where(footer => footer.Is("Co-authored-by")).Select(footer => NameOf(footer.Value)));
        }

        return [.. names
            .Select(name => name.Trim())
            .Where(name => name.Length > 0 && !name.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(name => name, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)];
    }

    private static string NameOf(string person)
    {
        var angle = person.IndexOf('<', StringComparison.Ordinal);
        return (angle < 0 ? person : person[..angle]).Trim();
    }
}
