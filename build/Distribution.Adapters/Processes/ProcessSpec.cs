using System.Collections.Immutable;

namespace Distribution.Adapters.Processes;

/// <summary>A process to run: the program, its arguments (never parsed by a shell), where, and extra environment.</summary>
public sealed record ProcessSpec(string FileName, ImmutableArray<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public ImmutableDictionary<string, string?> Environment { get; init; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>Bytes written to standard input, then closed; null leaves standard input empty.</summary>
    public ReadOnlyMemory<byte>? StandardInput { get; init; }

    public static ProcessSpec Of(string fileName, params string[] arguments) => new(fileName, [.. arguments]);

    public override string ToString() => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:@,+%^~".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
