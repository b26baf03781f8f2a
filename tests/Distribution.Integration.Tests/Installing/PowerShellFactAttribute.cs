using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// A fact that reports a skip unless PowerShell 7 (<c>pwsh</c>, or
/// <c>pwsh.exe</c> on Windows) is on PATH; <c>UnixOnly</c> also skips on Windows.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PowerShellFactAttribute : FactAttribute
{
    public PowerShellFactAttribute()
    {
        Skip = PowerShell.SkipReason;
    }

    /// <summary>Also skip on Windows, for this reason (a test that runs install.sh beside install.ps1).</summary>
    public string? UnixOnly
    {
        get => null;
        init => Skip ??= value is null ? null : Requirements.NotUnix(value);
    }
}
