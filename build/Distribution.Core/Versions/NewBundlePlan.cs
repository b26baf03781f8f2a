using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Versions;

/// <summary>
/// The change <see cref="BundleCutter"/> plans: the new text of versions.toml, what it adds (one line each),
/// and the diagnostics of the new text. <see cref="IsRefused"/> when the new text has errors: nothing may be written.
/// </summary>
public sealed record NewBundlePlan(string OldText, string NewText, ImmutableArray<string> Additions, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool IsRefused => Diagnostics.Any(diagnostic => diagnostic.IsError);

    public bool Equals(NewBundlePlan? other) =>
        other is not null
            && OldText == other.OldText
            && NewText == other.NewText
            && Additions.SequenceEqual(other.Additions)
            && Diagnostics.SequenceEqual(other.Diagnostics);

    public override int GetHashCode() => HashCode.Combine(NewText.Length, Additions.Length);
}
