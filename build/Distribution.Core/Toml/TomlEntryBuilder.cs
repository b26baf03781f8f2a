using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>One key of a table being read: a finished value, an open table, or an open array of tables.</summary>
internal sealed class TomlEntryBuilder(string key, SourceLocation keyLocation)
{
    public string Key { get; } = key;

    public SourceLocation KeyLocation { get; set; } = keyLocation;

    /// <summary>A value that is closed once written: a scalar, an inline array or an inline table.</summary>
    public TomlValue? Value { get; set; }

    public TomlTableBuilder? Table { get; set; }

    public List<TomlTableBuilder>? ArrayOfTables { get; set; }

    public SourceLocation ArrayLocation { get; set; } = SourceLocation.None;

    public SourceLocation DefinedAt => Value?.Location ?? Table?.Location ?? ArrayLocation;

    public TomlValue Freeze()
    {
        if (Value is not null)
        {
            return Value;
        }

        if (Table is not null)
        {
            return Table.Freeze();
        }

        var items = ImmutableArray.CreateBuilder<TomlValue>(ArrayOfTables!.Count);
        foreach (var table in ArrayOfTables)
        {
            items.Add(table.Freeze());
        }

        return new TomlArray(items.MoveToImmutable(), ArrayLocation, IsArrayOfTables: true);
    }
}
