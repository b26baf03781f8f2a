using System.Collections.Immutable;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Sources;

/// <summary>
/// What updating a mirror did: created it, changed refs (tags and branches added, moved or removed), rebuilt it
/// because it was damaged (<see cref="Rebuilt"/>: a corrupt pack or a missing object, met while fetching or
/// reading a tag), or nothing. <see cref="Refs"/> are the mirror's refs afterwards, with its tags peeled to the
/// commits they point to, read in the same pass, so the fetch that follows need not list them again.
/// </summary>
public sealed record MirrorUpdate(string Repository, string Mirror, bool Created, ImmutableArray<string> ChangedRefs, MirrorRefs Refs)
{
    /// <summary>The mirror's tags afterwards: tag → commit, annotated tags peeled.</summary>
    public ImmutableSortedDictionary<string, string> Tags => Refs.Tags;

    /// <summary>The mirror was found damaged and made again from the repository.</summary>
    public bool Rebuilt { get; init; }

    public bool UpToDate => !Created && !Rebuilt && ChangedRefs.IsEmpty;

    public string Describe() =>
        Rebuilt ? "mirror was damaged and has been rebuilt"
        : Created ? "mirror created"
        : ChangedRefs.IsEmpty ? "mirror up to date, nothing new"
        : "mirror updated: "
            + $"{string.Join(", ", ChangedRefs.Take(5))}{(ChangedRefs.Length > 5 ? $" and {ChangedRefs.Length - 5} more" : string.Empty)}";
}
