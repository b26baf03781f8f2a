namespace Distribution.Adapters.Processes;

/// <summary>A program that a step needs is not installed or not on PATH.</summary>
public sealed class ProgramNotFoundException : Exception
{
    public ProgramNotFoundException()
        : this("the program")
    {
    }

    public ProgramNotFoundException(string program)
        : base($"'{program}' was not found on PATH")
    {
        Program = program;
    }

    public ProgramNotFoundException(string program, Exception innerException)
        : base($"'{program}' was not found on PATH", innerException)
    {
        Program = program;
    }

    public string Program { get; } = string.Empty;
}
