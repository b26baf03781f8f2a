namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="ReleaseNotesPhase"/> writes: the notes of <see cref="Bundle"/> (default the newest stable bundle of
/// <see cref="Versions"/>) since <see cref="Since"/> (a bundle, or <c>core@3.1.0,…</c>; default the previous bundle of
/// its kind), into <see cref="Output"/> (default: printed) and the entry of <see cref="Changelog"/> (default CHANGELOG.md).
/// <see cref="IncludeAll"/> keeps chore, test, docs… commits in the changelog entry (under Changed).
/// </summary>
public sealed record ReleaseNotesRequest(
    string? Versions = null,
    string? Bundle = null,
    string? Since = null,
    string? Changelog = null,
    string? Output = null,
    bool DryRun = false,
    bool IncludeAll = false)
{
    /// <summary>
    /// One component's notes (<c>core</c>, <c>ext-mongodb</c>) instead of a bundle's, from <see cref="From"/> to <see cref="To"/>.
    /// </summary>
    public string? Component { get; init; }

    /// <summary>A version, tag (or, for <see cref="To"/>, branch); default: the release before <see cref="To"/>.</summary>
    public string? From { get; init; }

    /// <summary>A version, tag or branch; default: the component's version in the newest stable bundle.</summary>
    public string? To { get; init; }

    /// <summary>Authors (names or e-mail addresses) left out as bots, besides GitHub's <c>[bot]</c> suffix.</summary>
    public IReadOnlyList<string> Bots { get; init; } = [];

    /// <summary>For every component, its default branch since its newest release tag, and the next version it needs.</summary>
    public bool Unreleased { get; init; }
}
