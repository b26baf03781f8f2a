using System.Collections.Immutable;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// One line of release notes: a commit, how it reads as a conventional commit, its section, and the pull requests it names.
/// </summary>
public sealed record ChangeEntry(CommitRecord Commit, ConventionalCommit Parsed, ChangeCategory Category, ImmutableArray<int> PullRequests)
{
    /// <summary>Titles and authors from the forge, when enrichment ran; empty otherwise.</summary>
    public ImmutableArray<PullRequestInfo> PullRequestDetails { get; init; } = [];

    public bool Equals(ChangeEntry? other) =>
        other is not null && Commit == other.Commit && Parsed == other.Parsed && Category == other.Category
        && PullRequests.SequenceEqual(other.PullRequests) && PullRequestDetails.SequenceEqual(other.PullRequestDetails);

    public override int GetHashCode() => HashCode.Combine(Commit.Sha, Category);
}
