using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML bool value.</summary>
public sealed record TomlBoolean(bool Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlBoolean(bool value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "bool";

    public bool Equals(TomlBoolean? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
