using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML date-local value.</summary>
public sealed record TomlLocalDate(DateOnly Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlLocalDate(DateOnly value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "date-local";

    public bool Equals(TomlLocalDate? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
