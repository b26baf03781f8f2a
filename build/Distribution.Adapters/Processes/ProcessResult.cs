namespace Distribution.Adapters.Processes;

/// <summary>What a finished process left behind: its exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last <paramref name="lines"/> lines of standard error (or output when error is empty), for messages.</summary>
    public string Tail(int lines = 20) => Last(StandardError.Trim().Length > 0 ? StandardError : StandardOutput, lines);

    /// <summary>
    /// The last lines of both streams, standard output first, then standard error: for build tools, which print
    /// their errors on either (dotnet's compiler errors go to standard output, a crash to standard error).
    /// </summary>
    public string TailOfBoth(int lines = 20)
    {
        var output = StandardOutput.Trim();
        var error = StandardError.Trim();
        return output.Length == 0 ? Last(error, lines)
            : error.Length == 0 ? Last(output, lines)
            : Last(output, (lines + 1) / 2) + "\n" + Last(error, lines / 2);
    }

    private static string Last(string text, int lines)
    {
        var all = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
