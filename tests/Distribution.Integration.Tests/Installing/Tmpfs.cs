using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// A small tmpfs mounted on a folder (root on Linux, see <see cref="TmpfsFactAttribute"/>): how a full disk or a read-only
/// one is simulated.
/// </summary>
internal static class Tmpfs
{
    /// <summary>
    /// Mounts a tmpfs of <paramref name="options"/> (such as <c>size=256k</c>) on <paramref name="folder"/> (made first);
    /// unmounted when disposed.
    /// </summary>
    public static async Task<IAsyncDisposable> MountAsync(string folder, TempDirectory temp, string options = "size=256k")
    {
        Directory.CreateDirectory(folder);
        var mount = await CliProcess.RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", folder], temp.Path);
        Assert.True(mount.ExitCode == 0, mount.Error);
        return new Unmount(folder, temp.Path);
    }

    private sealed class Unmount(string folder, string workingDirectory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await CliProcess.RunAsync("umount", [folder], workingDirectory);
    }
}
