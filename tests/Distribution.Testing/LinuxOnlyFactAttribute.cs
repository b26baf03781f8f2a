using Xunit;

namespace Distribution.Testing;

/// <summary>
/// A fact about what only a Linux host can do (cross-building the linux targets with a Linux toolchain): on macOS and
/// Windows it reports a skip with the reason, never a pass; on Linux it runs, and fails when a tool it needs is
/// missing (what is missing is the failure's message). <c>Program</c> also requires a program, as
/// <see cref="SkipUnlessFactAttribute"/> does.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxOnlyFactAttribute : FactAttribute
{
    public LinuxOnlyFactAttribute(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Reason = reason;
        Skip = OperatingSystem.IsLinux() ? null : $"Linux only: {reason}; this is {(OperatingSystem.IsMacOS() ? "macOS" : "not Linux")}";
    }

    /// <summary>What the test needs of Linux.</summary>
    public string Reason { get; }

    public string? Program
    {
        get => null;
        init => Skip ??= Requirements.MissingProgram(value);
    }
}
