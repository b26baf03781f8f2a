using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.ReleaseNotes;

namespace Distribution.Adapters.ReleaseNotes;

/// <summary>
/// One component's changes over a range: <see cref="ComponentChanges.FromTag"/> (empty: its whole history) to
/// <see cref="ComponentChanges.ToTag"/> (a tag or a branch); the versions where the ends are release tags; the date of the
/// end's commit (for its changelog entry); the warnings met (enrichment).
/// </summary>
public sealed record ComponentNotes(ComponentChanges Changes, DateOnly? Date, ImmutableArray<Diagnostic> Warnings)
{
    /// <summary><c>core 3.1.5 → 3.2.1</c>, or with references where an end is no release (<c>core v3.3.0 → main</c>).</summary>
    public string Title
    {
        get
        {
            var from = Changes.From?.ToNormalizedString() ?? (Changes.FromTag.Length > 0 ? Changes.FromTag : "the beginning");
            var to = Changes.To?.ToNormalizedString() ?? Changes.ToTag;
            return $"{Changes.Component.Id} {from} → {to}";
        }
    }

    public bool Equals(ComponentNotes? other) =>
        other is not null && Changes == other.Changes && Date == other.Date && Warnings.SequenceEqual(other.Warnings);

    public override int GetHashCode() => HashCode.Combine(Changes, Date);
}
