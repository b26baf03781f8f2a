using System.Collections.Immutable;

namespace Distribution.Core.Installing;

/// <summary>
/// One check of an installed component. <see cref="Path"/> is relative to the prefix: the program to run
/// (through <see cref="Interpreter"/> when not null, e.g. <c>dotnet</c>) or, for <see cref="SmokeCheckKind.Present"/>,
/// the files that must exist.
/// </summary>
public sealed record SmokeCheck(
    string Component, string ExpectedVersion, SmokeCheckKind Kind, string? Interpreter, string Path, ImmutableArray<string> Files)
{
    public string Describe() => Kind == SmokeCheckKind.RunVersion
        ? $"{(Interpreter is null ? string.Empty : Interpreter + " ")}{Path} --version"
        : $"{Files.Length} file(s) under {(Path.Length == 0 ? "the prefix" : Path)}";
}
