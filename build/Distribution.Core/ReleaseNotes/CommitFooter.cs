namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// A git trailer of a conventional commit: <c>Refs: #12</c>, <c>Co-authored-by:
/// Ann &lt;ann@example.com&gt;</c>, <c>BREAKING CHANGE: …</c>.
/// </summary>
/// <param name="Token">The token as written (<c>BREAKING CHANGE</c>, <c>Refs</c>).</param>
/// <param name="Value">The value; multi-line values keep their line breaks (<c>\n</c>).</param>
public sealed record CommitFooter(string Token, string Value)
{
    public bool IsBreakingChange =>
        Token.Equals("BREAKING CHANGE", StringComparison.Ordinal) || Token.Equals("BREAKING-CHANGE", StringComparison.Ordinal);

    public bool Is(string token) => Token.Equals(token, StringComparison.OrdinalIgnoreCase);
}
