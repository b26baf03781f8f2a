namespace Distribution.Adapters.Processes;

/// <summary>What a finished process left behind: its exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last <paramref name="lines"/> lines of standard error (or output when error is empty), for messages.</summary>
    public string Tail(int lines = 20)
    {
        var text = StandardError.Trim().Length > 0 ? StandardError : StandardOutput;
        var all = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
