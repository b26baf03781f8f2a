using System.Runtime.InteropServices;

namespace Distribution.Adapters.Files;

/// <summary>Hard links: a second name for a file's bytes, made in microseconds whatever its size.</summary>
public static class HardLink
{
    /// <summary>
    /// Makes <paramref name="link"/> a hard link to <paramref name="existing"/>; false (and nothing made) where the
    /// file system or platform cannot: another volume, no link support, or the name already taken.
    /// </summary>
    public static bool TryCreate(string existing, string link)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(link);
        try
        {
            return OperatingSystem.IsWindows()
                ? NativeMethods.CreateHardLinkW(link, existing, IntPtr.Zero)
                : NativeMethods.link(existing, link) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code; these two calls marshal nothing but strings.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int link(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

        [DllImport("kernel32", SetLastError = true, CharSet = CharSet.Unicode)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool CreateHardLinkW(string lpFileName, string lpExistingFileName, IntPtr lpSecurityAttributes);
#pragma warning restore SYSLIB1054
    }
}
