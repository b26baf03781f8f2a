using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Toml;

/// <summary>
/// What the tolerant reader found: the document as far as it could be read (statements with errors are left
/// out) and every diagnostic, in file order. The document is valid TOML data when <see cref="Diagnostics"/> is empty.
/// </summary>
public sealed record TomlParseResult(TomlTable Document, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.IsError);
}
