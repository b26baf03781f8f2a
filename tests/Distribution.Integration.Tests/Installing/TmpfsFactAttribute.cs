using System.Diagnostics;

namespace Distribution.Integration.Tests.Installing;

/// <summary>A fact that reports a skip unless a tiny tmpfs can be mounted here (root on Linux): how a full disk is simulated.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public TmpfsFactAttribute()
    {
        Skip = Reason.Value;
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a tmpfs needs Linux; this test simulates a full disk with one";
        }

        var folder = Directory.CreateTempSubdirectory("pdist-tmpfs-probe-").FullName;
        try
        {
            if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder) != 0)
            {
                return "mount -t tmpfs is not permitted here (run as root); this test simulates a full disk with it";
            }

            Run("umount", folder);
            return null;
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    private static int Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
