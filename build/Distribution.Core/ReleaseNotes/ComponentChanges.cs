using System.Collections.Immutable;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// What changed in one component between two versions: the versions (null when the component is absent on
/// that side), the entries in display order, and the contributors.
/// </summary>
public sealed record ComponentChanges(
    ComponentId Component,
    NuGetVersion? From,
    NuGetVersion? To,
    ImmutableArray<ChangeEntry> Entries,
    ImmutableArray<string> Contributors)
{
    /// <summary>The repository's web page (https://github.com/owner/repo), for links; empty when unknown.</summary>
    public string WebUrl { get; init; } = string.Empty;

    /// <summary>The tags compared (<c>v3.1.0</c>, <c>v3.2.1</c>), for a compare link; empty when unknown.</summary>
    public string FromTag { get; init; } = string.Empty;

    public string ToTag { get; init; } = string.Empty;

    /// <summary>How many commits were left out (merges, bots).</summary>
    public int Skipped { get; init; }

    public ComponentChangeKind Kind => (From, To) switch
    {
        (null, _) => ComponentChangeKind.Added,
        (_, null) => ComponentChangeKind.Removed,
        var (from, to) when from == to => ComponentChangeKind.Unchanged,
        var (from, to) when from < to => ComponentChangeKind.Upgraded,
        _ => ComponentChangeKind.Downgraded,
    };

    public IEnumerable<ChangeEntry> In(ChangeCategory category) => Entries.Where(entry => entry.Category == category);

    public bool Equals(ComponentChanges? other) =>
        other is not null && Component == other.Component && From == other.From && To == other.To && WebUrl == other.WebUrl
        && Skipped == other.Skipped
            && FromTag == other.FromTag
            && ToTag == other.ToTag
            && Entries.SequenceEqual(other.Entries)
            && Contributors.SequenceEqual(other.Contributors);

    public override int GetHashCode() => HashCode.Combine(Component, From, To, Entries.Length);
}
