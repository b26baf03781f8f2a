using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML datetime-local value.</summary>
public sealed record TomlLocalDateTime(DateTime Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlLocalDateTime(DateTime value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "datetime-local";

    public bool Equals(TomlLocalDateTime? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
