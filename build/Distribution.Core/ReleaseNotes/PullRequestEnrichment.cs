using System.Collections.Immutable;

namespace Distribution.Core.ReleaseNotes;

/// <summary>Adds what is known about pull requests to the entries that name them; entries naming unknown ones stay as they are.</summary>
public static class PullRequestEnrichment
{
    public static ComponentChanges Apply(ComponentChanges changes, IReadOnlyDictionary<int, PullRequestInfo> pullRequests)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(pullRequests);
        var entries = changes.Entries.Select(entry => entry with
        {
            PullRequestDetails = [.. entry.PullRequests.Where(pullRequests.ContainsKey).Select(number => pullRequests[number])],
        }).ToImmutableArray();
        return changes with { Entries = entries };
    }

    /// <summary>Every pull request number the entries name, each once, in order.</summary>
    public static ImmutableArray<int> Numbers(ComponentChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return [.. changes.Entries.SelectMany(entry => entry.PullRequests).Distinct().Order()];
    }
}
