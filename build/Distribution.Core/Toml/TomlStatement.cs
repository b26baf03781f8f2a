using System.Collections.Immutable;

namespace Distribution.Core.Toml;

/// <summary>
/// Where one statement of a file is, in UTF-16 offsets, for the editor: a <c>[header]</c>, <c>[[header]]</c> or
/// <c>key = value</c> line. <see cref="End"/> is just past the line break that ends the statement (or the end of text).
/// </summary>
internal sealed record TomlStatement(
    TomlStatementKind Kind,
    ImmutableArray<string> Path,
    int Start,
    int End,
    int ValueStart,
    int ValueEnd);
