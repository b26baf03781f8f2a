using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Sources;

/// <summary>
/// One component of a bundle as the lock file pins it: the version, the tag it was fetched at, the commit the
/// tag pointed to, and the id of the exported tree (the whole repository's tree, or for an extension of the
/// monorepo the tree of its folder). <see cref="Location"/> is where the lock file wrote it (none for a component
/// that was not read from a file); it is not part of what a component is, so equality leaves it out.
/// </summary>
public sealed record LockedComponent(ComponentId Component, NuGetVersion Version, string Tag, string Commit, string Tree)
{
    /// <summary>The <c>[bundles."ID".COMPONENT]</c> table of the lock file it was read from, for messages.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;

    public bool Equals(LockedComponent? other) =>
        other is not null && Component == other.Component && Version == other.Version && Tag == other.Tag
        && Commit == other.Commit && Tree == other.Tree;

    public override int GetHashCode() => HashCode.Combine(Component, Version, Tag, Commit, Tree);

    public override string ToString() => $"{Component.Id} {Version.ToNormalizedString()} ({Tag} = {Commit}, tree {Tree})";
}
