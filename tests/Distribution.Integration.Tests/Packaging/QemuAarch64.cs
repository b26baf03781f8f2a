using Distribution.Testing;

namespace Distribution.Integration.Tests.Packaging;

/// <summary>
/// How to run a linux-arm64 program on an x86-64 Linux: qemu-user's <c>qemu-aarch64</c> with the aarch64 C library of
/// Debian's cross toolchain (<c>-L /usr/aarch64-linux-gnu</c>; tools/install-rust-cross.sh installs both).
/// </summary>
public static class QemuAarch64
{
    public const string Sysroot = "/usr/aarch64-linux-gnu";

    /// <summary>The command prefix, or null where qemu-aarch64 or the aarch64 C library is not installed.</summary>
    public static string[]? Command() =>
        OperatingSystem.IsLinux() && Requirements.FindProgram("qemu-aarch64") is { } qemu && Directory.Exists(Path.Combine(Sysroot, "lib"))
            ? [qemu, "-L", Sysroot]
            : null;
}
