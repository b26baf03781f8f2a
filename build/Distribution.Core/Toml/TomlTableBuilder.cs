using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A table while it is being read: open to the keys and sub-tables the TOML rules still allow.</summary>
internal sealed class TomlTableBuilder(TomlTableKind kind, SourceLocation location, int depth)
{
    private readonly List<TomlEntryBuilder> entries = [];
    private readonly Dictionary<string, TomlEntryBuilder> byKey = new(StringComparer.Ordinal);

    public TomlTableKind Kind { get; set; } = kind;

    public SourceLocation Location { get; set; } = location;

    public int Depth { get; } = depth;

    public bool TryGet(string key, out TomlEntryBuilder entry) => byKey.TryGetValue(key, out entry!);

    public TomlEntryBuilder Add(string key, SourceLocation keyLocation)
    {
        var entry = new TomlEntryBuilder(key, keyLocation);
        entries.Add(entry);
        byKey.Add(key, entry);
        return entry;
    }

    public TomlTable Freeze()
    {
        var frozen = new TomlEntry[entries.Count];
        for (var index = 0; index < frozen.Length; index++)
        {
            var entry = entries[index];
            frozen[index] = new TomlEntry(entry.Key, entry.KeyLocation, entry.Freeze());
        }

        return new TomlTable(frozen, Location, Kind);
    }
}
