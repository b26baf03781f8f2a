using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML time-local value.</summary>
public sealed record TomlLocalTime(TimeOnly Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlLocalTime(TimeOnly value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "time-local";

    public bool Equals(TomlLocalTime? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
