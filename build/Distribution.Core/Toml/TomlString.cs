using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A TOML string value.</summary>
public sealed record TomlString(string Value, SourceLocation Location) : TomlValue(Location)
{
    public TomlString(string value)
        : this(value, SourceLocation.None)
    {
    }

    public override string TypeName => "string";

    public bool Equals(TomlString? other) => other is not null && Value.Equals(other.Value);

    public override int GetHashCode() => Value.GetHashCode();
}
