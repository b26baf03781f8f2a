using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Publishing;

/// <summary>
/// A registry publish, decided before anything is written: the file steps in publish order (component archives,
/// bundle files, installers), the index before and after, and the conflicts that forbid the publish.
/// </summary>
public sealed record RegistryPlan(
    ImmutableArray<RegistryStep> Steps,
    RegistryIndex Current,
    RegistryIndex Next,
    ImmutableArray<Diagnostic> Conflicts)
{
    public bool IndexChanged => Next.Serial != Current.Serial;

    public bool ChangesAnything => IndexChanged || Steps.Any(step => step.Action != RegistryAction.Keep);

    public bool Equals(RegistryPlan? other) =>
        other is not null
            && Steps.SequenceEqual(other.Steps)
            && Current.Equals(other.Current)
            && Next.Equals(other.Next)
            && Conflicts.SequenceEqual(other.Conflicts);

    public override int GetHashCode() => HashCode.Combine(Steps.Length, Next.Serial);
}
