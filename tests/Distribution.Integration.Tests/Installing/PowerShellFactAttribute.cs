using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>A fact that reports a skip unless PowerShell 7 (<c>pwsh</c>, or <c>pwsh.exe</c> on Windows) is on PATH.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PowerShellFactAttribute : FactAttribute
{
    public PowerShellFactAttribute()
    {
        Skip = PowerShell.SkipReason;
    }
}
