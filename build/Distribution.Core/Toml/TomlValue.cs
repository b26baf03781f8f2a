using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// A TOML value with the place it was read from (<see cref="SourceLocation.None"/> for values built in code).
/// The leaves are <see cref="TomlString"/>, <see cref="TomlInteger"/>, <see cref="TomlFloat"/>,
/// <see cref="TomlBoolean"/>, the four date-time kinds, <see cref="TomlArray"/> and <see cref="TomlTable"/>.
/// Equality of values ignores locations: two documents are equal when their data is.
/// </summary>
public abstract record TomlValue
{
    protected TomlValue(SourceLocation location)
    {
        Location = location;
    }

    public SourceLocation Location { get; init; }

    /// <summary>
    /// The toml-test type name: string, integer, float, bool, datetime, datetime-local, date-local, time-local, array, table.
    /// </summary>
    public abstract string TypeName { get; }
}
