using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>A table while it is being read: open to the keys and sub-tables the TOML rules still allow.</summary>
internal sealed class TomlTableBuilder(TomlTableKind kind, SourceLocation location, int depth)
{
    private const int IndexThreshold = 8;
    private readonly List<TomlEntryBuilder> entries = [];
    private Dictionary<string, TomlEntryBuilder>? byKey;

    public TomlTableKind Kind { get; set; } = kind;

    public SourceLocation Location { get; set; } = location;

    public int Depth { get; } = depth;

    public bool TryGet(string key, out TomlEntryBuilder entry)
    {
        if (byKey is not null)
        {
            return byKey.TryGetValue(key, out entry!);
        }

        foreach (var candidate in entries)
        {
            if (string.Equals(candidate.Key, key, StringComparison.Ordinal))
            {
                entry = candidate;
                return true;
            }
        }

        entry = null!;
        return false;
    }

    public TomlEntryBuilder Add(string key, SourceLocation keyLocation)
    {
        var entry = new TomlEntryBuilder(key, keyLocation);
        entries.Add(entry);
        if (byKey is not null)
        {
            byKey.Add(key, entry);
        }
        else if (entries.Count > IndexThreshold)
        {
            byKey = new Dictionary<string, TomlEntryBuilder>(entries.Count * 2, StringComparer.Ordinal);
            foreach (var existing in entries)
            {
                byKey.Add(existing.Key, existing);
            }
        }

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
