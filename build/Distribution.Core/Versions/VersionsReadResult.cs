using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Versions;

/// <summary>What <see cref="VersionsReader"/> made of a file: the model and every problem met on the way.</summary>
public sealed record VersionsReadResult(VersionsDocument Document, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Equals(VersionsReadResult? other)
        => other is not null && Document.Equals(other.Document) && Diagnostics.SequenceEqual(other.Diagnostics);

    public override int GetHashCode() => HashCode.Combine(Document, Diagnostics.Length);
}
