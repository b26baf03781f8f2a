using System.Collections.Immutable;

namespace Distribution.Adapters.Sources;

/// <summary>What updating a mirror did: created it, changed refs (tags and branches added, moved or removed), or nothing.</summary>
public sealed record MirrorUpdate(string Repository, string Mirror, bool Created, ImmutableArray<string> ChangedRefs)
{
    public bool UpToDate => !Created && ChangedRefs.IsEmpty;

    public string Describe() =>
        Created ? "mirror created"
        : ChangedRefs.IsEmpty ? "mirror up to date, nothing new"
        : $"mirror updated: {string.Join(", ", ChangedRefs.Take(5))}{(ChangedRefs.Length > 5 ? $" and {ChangedRefs.Length - 5} more" : string.Empty)}";
}
