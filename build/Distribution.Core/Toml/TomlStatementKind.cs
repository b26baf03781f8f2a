namespace Distribution.Core.Toml;

/// <summary>The kinds of statement the editor needs to know about.</summary>
internal enum TomlStatementKind
{
    Table,
    ArrayOfTables,
    KeyValue,
}
