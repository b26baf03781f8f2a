using System.Collections.Immutable;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// A commit message read as a Conventional Commit (https://www.conventionalcommits.org/en/v1.0.0/):
/// <c>type(scope)!: description</c>, an optional multi-paragraph body and footers. A message that does not
/// follow the convention is kept whole: <see cref="IsConventional"/> is false, <see cref="Type"/> empty and
/// <see cref="Description"/> the subject line.
/// </summary>
/// <param name="Type">Lower-cased type (<c>feat</c>, <c>fix</c>); empty when not conventional.</param>
/// <param name="Scope">The scope without parentheses; empty when absent.</param>
/// <param name="Description">The text after <c>: </c> (or the subject of a non-conventional commit).</param>
/// <param name="Body">The paragraphs between the subject and the footers, joined by blank lines; empty when absent.</param>
/// <param name="BreakingChanges">What breaks: each BREAKING CHANGE footer's text, or the description when only <c>!</c> marks it.</param>
public sealed record ConventionalCommit(
    bool IsConventional,
    string Type,
    string Scope,
    bool IsBreaking,
    string Description,
    string Body,
    ImmutableArray<CommitFooter> Footers,
    ImmutableArray<string> BreakingChanges)
{
    public bool Equals(ConventionalCommit? other) =>
        other is not null && IsConventional == other.IsConventional && Type == other.Type && Scope == other.Scope
        && IsBreaking == other.IsBreaking && Description == other.Description && Body == other.Body
        && Footers.SequenceEqual(other.Footers) && BreakingChanges.SequenceEqual(other.BreakingChanges);

    public override int GetHashCode() => HashCode.Combine(Type, Scope, Description, IsBreaking);
}
