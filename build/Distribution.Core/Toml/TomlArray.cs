using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// A TOML array. <see cref="IsArrayOfTables"/> is true for one made of <c>[[name]]</c> headers, which stays
/// open for more tables; an inline <c>[…]</c> array is closed once written.
/// </summary>
public sealed record TomlArray(ImmutableArray<TomlValue> Items, SourceLocation Location, bool IsArrayOfTables = false) : TomlValue(Location)
{
    public TomlArray(IEnumerable<TomlValue> items)
        : this([.. items], SourceLocation.None)
    {
    }

    public override string TypeName => "array";

    public int Count => Items.Length;

    public TomlValue this[int index] => Items[index];

    public bool Equals(TomlArray? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(Items.Length, (hash, item) => HashCode.Combine(hash, item));
}
