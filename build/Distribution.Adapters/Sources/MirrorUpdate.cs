using System.Collections.Immutable;

namespace Distribution.Adapters.Sources;

/// <summary>
/// What updating a mirror did: created it, changed refs (tags and branches added, moved or removed), rebuilt it
/// because it was damaged (<see cref="Rebuilt"/>: a corrupt pack or a missing object, met while fetching or
/// reading a tag), or nothing. <see cref="Tags"/> are the mirror's tags afterwards, each with the commit it points
/// to (annotated tags peeled), read in the same pass, so the fetch that follows need not list them again.
/// </summary>
public sealed record MirrorUpdate(string Repository, string Mirror, bool Created, ImmutableArray<string> ChangedRefs, ImmutableSortedDictionary<string, string> Tags)
{
    /// <summary>The mirror was found damaged and made again from the repository.</summary>
    public bool Rebuilt { get; init; }

    public bool UpToDate => !Created && !Rebuilt && ChangedRefs.IsEmpty;

    public string Describe() =>
        Rebuilt ? "mirror was damaged and has been rebuilt"
        : Created ? "mirror created"
        : ChangedRefs.IsEmpty ? "mirror up to date, nothing new"
        : $"mirror updated: {string.Join(", ", ChangedRefs.Take(5))}{(ChangedRefs.Length > 5 ? $" and {ChangedRefs.Length - 5} more" : string.Empty)}";
}
