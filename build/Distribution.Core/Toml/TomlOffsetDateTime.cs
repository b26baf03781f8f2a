using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// A TOML offset date-time. Equality is exact: the same instant with another offset is another value (so a writer
/// that loses an offset is caught by <c>parse(write(d)) == d</c>); compare <c>Value.UtcTicks</c> for the instant.
/// </summary>
public sealed record TomlOffsetDateTime(DateTimeOffset Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlOffsetDateTime(DateTimeOffset value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "datetime";

    public bool Equals(TomlOffsetDateTime? other) => other is not null && Value.EqualsExact(other.Value);

    public override int GetHashCode() => HashCode.Combine(Value.UtcTicks, Value.Offset);
}
