using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// A TOML table: its entries in document order, how it was defined, and where (the header, the dotted key or
/// the opening brace). Immutable; the parser builds it, the writer and editor read it.
/// Equality compares keys and values, ignoring order, kind and locations.
/// </summary>
public sealed record TomlTable : TomlValue
{
    // Small tables (most of them) are searched in order; larger ones get an index. Never mutated after construction.
    private const int IndexThreshold = 8;
    private readonly Dictionary<string, TomlEntry>? byKey;

    public TomlTable(IEnumerable<TomlEntry> entries, SourceLocation location, TomlTableKind kind = TomlTableKind.Header)
        : base(location)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        Kind = kind;
        if (Entries.Length > IndexThreshold)
        {
            byKey = new Dictionary<string, TomlEntry>(Entries.Length, StringComparer.Ordinal);
            foreach (var entry in Entries)
            {
                byKey.Add(entry.Key, entry);
            }
        }
        else
        {
            for (var index = 1; index < Entries.Length; index++)
            {
                for (var other = 0; other < index; other++)
                {
                    if (string.Equals(Entries[index].Key, Entries[other].Key, StringComparison.Ordinal))
                    {
                        throw new ArgumentException(
                            $"An element with the same key but a different value already exists. Key: '{Entries[index].Key}'",
                            nameof(entries));
                    }
                }
            }
        }
    }

    public TomlTable(IEnumerable<TomlEntry> entries)
        : this(entries, SourceLocation.None)
    {
    }

    public static TomlTable Empty { get; } = new([], SourceLocation.None, TomlTableKind.Root);

    public ImmutableArray<TomlEntry> Entries { get; }

    public TomlTableKind Kind { get; }

    public override string TypeName => "table";

    public IEnumerable<string> Keys => Entries.Select(entry => entry.Key);

    public int Count => Entries.Length;

    public TomlValue? this[string key] => TryGetEntry(key, out var entry) ? entry.Value : null;

    public bool ContainsKey(string key) => TryGetEntry(key, out _);

    public bool TryGetEntry(string key, [NotNullWhen(true)] out TomlEntry? entry)
    {
        if (byKey is not null)
        {
            return byKey.TryGetValue(key, out entry);
        }

        foreach (var candidate in Entries)
        {
            if (string.Equals(candidate.Key, key, StringComparison.Ordinal))
            {
                entry = candidate;
                return true;
            }
        }

        entry = null;
        return false;
    }

    public bool TryGetValue(string key, [NotNullWhen(true)] out TomlValue? value)
    {
        value = this[key];
        return value is not null;
    }

    /// <summary>The value at a path of keys (<c>["bundles", "stable-3.2", "core"]</c>), or null.</summary>
    public TomlValue? Find(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        TomlValue? current = this;
        foreach (var key in path)
        {
            current = current is TomlTable table ? table[key] : null;
        }

        return current;
    }

    public bool Equals(TomlTable? other) =>
        other is not null
        && Entries.Length == other.Entries.Length
        && Entries.All(entry => other.TryGetEntry(entry.Key, out var match) && entry.Value.Equals(match.Value));

    public override int GetHashCode()
        => Entries.Aggregate(Entries.Length, (hash, entry) => hash ^ HashCode.Combine(entry.Key, entry.Value));
}
