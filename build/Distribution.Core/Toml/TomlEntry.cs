using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>One key of a table with where the key was written (the value carries its own location).</summary>
public sealed record TomlEntry(string Key, SourceLocation KeyLocation, TomlValue Value)
{
    public TomlEntry(string key, TomlValue value)
        : this(key, SourceLocation.None, value)
    {
    }

    public bool Equals(TomlEntry? other) => other is not null && Key == other.Key && Value.Equals(other.Value);

    public override int GetHashCode() => HashCode.Combine(Key, Value);
}
