using System.Collections.Immutable;

namespace Distribution.Core.Sources;

/// <summary>
/// The history of a stand-in component repository, read from <c>samples/REPO/history.toml</c> by
/// <see cref="SampleHistoryReader"/>: commits in order, on <see cref="MainBranch"/> unless they say otherwise.
/// <see cref="FastImportScript"/> turns it into a <c>git fast-import</c> stream with fixed identities and dates,
/// so every machine gets the same commit ids.
/// </summary>
public sealed record SampleHistory(string MainBranch, ImmutableArray<SampleCommit> Commits)
{
    /// <summary>Every path a commit copies from the sample's <c>files/</c> folder, sorted.</summary>
    public ImmutableArray<string> SourceFiles =>
        [.. Commits.SelectMany(commit => commit.Changes)
            .Where(change => change.Kind is SampleChangeKind.Write or SampleChangeKind.WriteExecutable)
            .Select(change => change.Path)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>Every tag of the history, in commit order.</summary>
    public ImmutableArray<string> Tags => [.. Commits.SelectMany(commit => commit.Tags)];
}
