namespace Distribution.Core.Sources;

/// <summary>
/// A tree a component is exported from: the root tree of <paramref name="Commit"/>
/// (empty <paramref name="Path"/>), or the tree of its folder <paramref name="Path"/>.
/// </summary>
public sealed record TreeQuery(string Commit, string Path);
