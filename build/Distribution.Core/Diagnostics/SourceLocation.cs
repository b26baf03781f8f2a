namespace Distribution.Core.Diagnostics;

/// <summary>
/// A place in a file: 1-based line and column, plus the span length in characters (0 when unknown).
/// <see cref="None"/> stands for "no particular place" (a whole command, a missing file).
/// </summary>
public sealed record SourceLocation(string File, int Line, int Column, int Length = 0)
{
    public static SourceLocation None { get; } = new(string.Empty, 0, 0);

    public bool HasPosition => Line > 0;

    public static SourceLocation InFile(string file) => new(file, 0, 0);

    public override string ToString()
    {
        if (File.Length == 0)
        {
            return string.Empty;
        }

        return HasPosition ? $"{File}({Line},{Column})" : File;
    }
}
