using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// The next version a component needs for its unreleased commits: <see cref="Next"/> (null when nothing user-facing
/// changed), how it was bumped (<c>major</c>, <c>minor</c>, <c>patch</c>) and the commit that decides it.
/// </summary>
public sealed record VersionProposal(ComponentId Component, NuGetVersion? Current, NuGetVersion? Next, string Bump, ChangeEntry? DecidedBy)
{
    /// <summary>
    /// Semantic Versioning from conventional commits: breaking → major, <c>feat</c> → minor, <c>fix</c>/<c>perf</c> →
    /// patch; before 1.0.0 as Cargo reads 0.x (the minor is the compatibility boundary): breaking → minor, else patch.
    /// Other commits (chore, docs…) ask for no release. The deciding commit is the newest of the strongest kind.
    /// Without a release yet (<paramref name="current"/> null) the first version is 0.1.0.
    /// </summary>
    public static VersionProposal For(ComponentChanges changes, NuGetVersion? current)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var decisive = changes.Entries
            .Where(entry => Rank(entry) > 0)
            .OrderByDescending(Rank)
            .FirstOrDefault(); // stable: the newest commit of the strongest kind
        if (decisive is null)
        {
            return new VersionProposal(changes.Component, current, null, "none", null);
        }

        if (current is null)
        {
            return new VersionProposal(changes.Component, null, new NuGetVersion(0, 1, 0), "first release", decisive);
        }

        var rank = Rank(decisive);
        var (next, bump) = (current.Major, rank) switch
        {
            (0, 3) => (new NuGetVersion(0, current.Minor + 1, 0), "minor (breaking, 0.x)"),
            (0, _) => (new NuGetVersion(0, current.Minor, current.Patch + 1), "patch (0.x)"),
            (_, 3) => (new NuGetVersion(current.Major + 1, 0, 0), "major"),
            (_, 2) => (new NuGetVersion(current.Major, current.Minor + 1, 0), "minor"),
            _ => (new NuGetVersion(current.Major, current.Minor, current.Patch + 1), "patch"),
        };
        return new VersionProposal(changes.Component, current, next, bump, decisive);
    }

    private static int Rank(ChangeEntry entry) => entry.Category switch
    {
        ChangeCategory.Breaking => 3,
        ChangeCategory.Feature => 2,
        ChangeCategory.Fix or ChangeCategory.Performance => 1,
        _ => 0,
    };
}
