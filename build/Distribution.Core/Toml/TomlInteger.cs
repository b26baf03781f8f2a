using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML integer value.</summary>
public sealed record TomlInteger(long Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlInteger(long value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "integer";

    public bool Equals(TomlInteger? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
