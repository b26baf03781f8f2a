using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.ReleaseNotes;

namespace Distribution.Adapters.ReleaseNotes;

/// <summary>
/// A bundle's notes: the model, the Markdown (RELEASE_NOTES.md), the
/// CHANGELOG.md entry, and the warnings met on the way (enrichment that failed).
/// </summary>
public sealed record ReleaseNotesResult(BundleNotes Notes, string Markdown, string ChangelogEntry, ImmutableArray<Diagnostic> Warnings)
{
    public bool Equals(ReleaseNotesResult? other) =>
        other is not null
            && Notes == other.Notes
            && Markdown == other.Markdown
            && ChangelogEntry == other.ChangelogEntry
            && Warnings.SequenceEqual(other.Warnings);

    public override int GetHashCode() => HashCode.Combine(Notes, Markdown);
}
