namespace Distribution.Integration.Tests.Installing;

/// <summary>A theory that reports a skip unless PowerShell 7 (<c>pwsh</c>, or <c>pwsh.exe</c> on Windows) is on PATH.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PowerShellTheoryAttribute : TheoryAttribute
{
    public PowerShellTheoryAttribute()
    {
        Skip = PowerShell.SkipReason;
    }
}
