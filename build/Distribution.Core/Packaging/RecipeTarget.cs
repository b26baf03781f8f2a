using System.Collections.Immutable;

namespace Distribution.Core.Packaging;

/// <summary>
/// One target a recipe builds (<c>linux-x64</c>… or <c>noarch</c>), with its own placeholders (<c>{rid}</c>,
/// <c>{triple}</c>: every string key of <c>[targets.NAME]</c>) and what it needs beyond the recipe's <c>requires</c>.
/// </summary>
public sealed record RecipeTarget(string Name, ImmutableSortedDictionary<string, string> Variables, ImmutableArray<string> Requires)
{
    public bool Equals(RecipeTarget? other) =>
        other is not null && Name == other.Name && Variables.SequenceEqual(other.Variables) && Requires.SequenceEqual(other.Requires);

    public override int GetHashCode() => HashCode.Combine(Name, Variables.Count, Requires.Length);
}
