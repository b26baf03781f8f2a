namespace Distribution.Adapters.Git;

/// <summary>
/// A git command failed: the command line (without secrets: URLs are passed
/// through config, not arguments) and git's last lines of error output.
/// </summary>
public sealed class GitException : Exception
{
    public GitException()
    {
    }

    public GitException(string message)
        : base(message)
    {
    }

    public GitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GitException(string command, int exitCode, string errorTail)
        : base($"'{command}' failed with exit code {exitCode}: {errorTail}")
    {
        Command = command;
        ExitCode = exitCode;
        ErrorTail = errorTail;
    }

    public string Command { get; } = string.Empty;

    public int ExitCode { get; }

    /// <summary>What git printed last on standard error, on one line.</summary>
    public string ErrorTail { get; } = string.Empty;
}
