using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Tests.Versions;

/// <summary>Builds TOML documents by hand for tests of the reader and validator, each value at a line of its own.</summary>
internal sealed class TomlBuilder
{
    private int line;

    public TomlTable Table(params (string Key, TomlValue Value)[] entries) => Make(TomlTableKind.Header, entries);

    public TomlTable Inline(params (string Key, TomlValue Value)[] entries) => Make(TomlTableKind.Inline, entries);

    public TomlString S(string value) => new(value, Next());

    public TomlArray A(params string[] values) => new([.. values.Select(S)], Next());

    public SourceLocation Next() => new("versions.toml", ++line, 1);

    private TomlTable Make(TomlTableKind kind, (string Key, TomlValue Value)[] entries)
    {
        var location = Next();
        return new TomlTable(entries.Select(entry => new TomlEntry(entry.Key, entry.Value.Location, entry.Value)), location, kind);
    }
}
