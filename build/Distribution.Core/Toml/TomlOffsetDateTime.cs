using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML datetime value.</summary>
public sealed record TomlOffsetDateTime(DateTimeOffset Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlOffsetDateTime(DateTimeOffset value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "datetime";

    public bool Equals(TomlOffsetDateTime? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
