namespace Distribution.Core.Sources;

/// <summary>
/// What one <see cref="TreeBatch"/> found for a <see cref="TreeQuery"/> whose commit and root tree can be read: the
/// tree (null when the folder does not exist at the commit or is not a folder there) and when the commit was
/// committed, with the committer's offset (null when the object is not itself a commit, e.g. a tag of a tag).
/// </summary>
public sealed record TreeLookup(string? Tree, DateTimeOffset? Committed);
