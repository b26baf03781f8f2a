using System.Runtime.InteropServices;

namespace Distribution.Core.Installing;

/// <summary>The build target (<c>linux-x64</c>…) for an operating system and processor, as install.sh detects it.</summary>
public static class HostTarget
{
    /// <summary>The target, or null for a machine no bundle is built for.</summary>
    public static string? Of(bool isLinux, bool isMacOs, Architecture architecture)
    {
        var os = isLinux ? "linux" : isMacOs ? "darwin" : null;
        var arch = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        return os is null || arch is null ? null : $"{os}-{arch}";
    }
}
