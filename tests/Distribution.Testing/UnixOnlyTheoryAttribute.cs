using Xunit;

namespace Distribution.Testing;

/// <summary>
/// A theory about what only Unix has (a POSIX shell, chmod and file modes, symbolic links, ':' in PATH): on Windows it
/// reports a skip with the reason, never a pass; on Linux and macOS it runs. <c>[UnixOnlyTheory("install.sh needs a
/// POSIX sh")]</c>; <c>Program</c> also requires a program, as <see cref="SkipUnlessTheoryAttribute"/> does.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class UnixOnlyTheoryAttribute : TheoryAttribute
{
    public UnixOnlyTheoryAttribute(string reason)
    {
        Reason = reason;
        Skip = Requirements.NotUnix(reason);
    }

    /// <summary>What the test needs of Unix.</summary>
    public string Reason { get; }

    public string? Program
    {
        get => null;
        init => Skip ??= Requirements.MissingProgram(value);
    }
}
