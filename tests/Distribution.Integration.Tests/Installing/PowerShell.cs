using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>Whether pwsh can be run here; install.ps1's tests skip (with this reason) when it cannot.</summary>
internal static class PowerShell
{
    public static string? SkipReason =>
        Requirements.FindProgram("pwsh") is not null || (OperatingSystem.IsWindows() && Requirements.FindProgram("pwsh.exe") is not null)
            ? null
            : "'pwsh' (PowerShell 7) is not installed; install.ps1 is tested where it is (CI: ubuntu, macOS, Windows)";
}
