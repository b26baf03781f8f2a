namespace Distribution.Adapters.Processes;

/// <summary>
/// What a finished process left behind when its output is bytes, not text:
/// its exit code, standard output as it was written, and standard error.
/// </summary>
public sealed record BinaryProcessResult(int ExitCode, ReadOnlyMemory<byte> StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last <paramref name="lines"/> lines of standard error, for messages.</summary>
    public string Tail(int lines = 20) => new ProcessResult(ExitCode, string.Empty, StandardError).Tail(lines);
}
