using System.Collections.Immutable;

namespace Distribution.Core.Packaging;

/// <summary>
/// One line of a recipe's archive layout: <see cref="From"/> (a file or folder under <c>{source}</c> or
/// <c>{output}</c>, placeholders allowed) goes to <see cref="To"/> in the install prefix (<c>bin</c>,
/// <c>lib/provisioning/…</c>, <c>share/provisioning/…</c>). A folder's contents land under <see cref="To"/>; a file
/// lands at <see cref="To"/>. Names matching an <see cref="Exclude"/> pattern (<c>*</c> wildcards, matched against
/// each file or folder name) are left out; an <see cref="Optional"/> rule whose source is missing is skipped.
/// </summary>
public sealed record LayoutRule(string From, string To, bool Optional, ImmutableArray<string> Exclude)
{
    public bool Equals(LayoutRule? other) =>
        other is not null && From == other.From && To == other.To && Optional == other.Optional && Exclude.SequenceEqual(other.Exclude);

    public override int GetHashCode() => HashCode.Combine(From, To, Optional);
}
