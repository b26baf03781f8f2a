using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Sources;

/// <summary>
/// One component of a bundle as the lock file pins it: the version, the tag it was fetched at, the commit the
/// tag pointed to, and the id of the exported tree (the whole repository's tree, or for an extension of the
/// monorepo the tree of its folder).
/// </summary>
public sealed record LockedComponent(ComponentId Component, NuGetVersion Version, string Tag, string Commit, string Tree)
{
    public override string ToString() => $"{Component.Id} {Version.ToNormalizedString()} ({Tag} = {Commit}, tree {Tree})";
}
