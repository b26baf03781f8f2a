using System.Collections.Immutable;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// One commit as git reports it: full hash, parents (more than one for a merge), author and committer, the
/// author date, and the whole message (subject, body and footers as written).
/// </summary>
public sealed record CommitRecord(
    string Sha,
    ImmutableArray<string> Parents,
    string AuthorName,
    string AuthorEmail,
    string CommitterName,
    DateTimeOffset AuthorDate,
    string Message)
{
    public bool IsMerge => Parents.Length > 1;

    /// <summary>Bots sign as <c>name[bot]</c> (dependabot[bot], renovate[bot], github-actions[bot]).</summary>
    public bool IsBot => AuthorName.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);

    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>The first line of the message.</summary>
    public string Subject
    {
        get
        {
            var end = Message.IndexOf('\n', StringComparison.Ordinal);
            return (end < 0 ? Message : Message[..end]).TrimEnd('\r').Trim();
        }
    }

    public bool Equals(CommitRecord? other) =>
        other is not null && Sha == other.Sha && Parents.SequenceEqual(other.Parents) && AuthorName == other.AuthorName
        && AuthorEmail == other.AuthorEmail
            && CommitterName == other.CommitterName
            && AuthorDate == other.AuthorDate
            && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(Sha, Message);
}
