using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML float value. NaN equals NaN here, so that documents holding nan compare equal.</summary>
public sealed record TomlFloat(double Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlFloat(double value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "float";

    public bool Equals(TomlFloat? other)
        => other is not null && (Value.Equals(other.Value) || (double.IsNaN(Value) && double.IsNaN(other.Value)));

    public override int GetHashCode() => Value.GetHashCode();
}
