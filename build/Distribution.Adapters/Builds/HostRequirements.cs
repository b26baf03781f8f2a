using System.Diagnostics;

namespace Distribution.Adapters.Builds;

/// <summary>
/// Checks what a recipe <c>requires</c> of the host: a program on PATH (<c>dotnet</c>, <c>cargo</c>), an
/// operating system (<c>os:linux</c>, <c>os:darwin</c>, <c>os:windows</c>, for targets that need a native runner), or
/// the Rust standard library of a target triple (<c>rust-std:aarch64-unknown-linux-gnu</c>: a <c>libstd-*.rlib</c> in
/// the target library folder of the <c>rustc</c> on PATH, the one cargo runs).
/// </summary>
public static class HostRequirements
{
    /// <summary>The requirements this host does not meet, each as a phrase for a message.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var missing = new List<string>();
        foreach (var requirement in requirements.Distinct(StringComparer.Ordinal))
        {
            if (requirement.StartsWith("os:", StringComparison.Ordinal))
            {
                var os = requirement[3..];
                if (!string.Equals(os, HostOs, StringComparison.Ordinal))
                {
                    missing.Add($"a {os} runner (this host is {HostOs})");
                }
            }
            else if (requirement.StartsWith(RustStd, StringComparison.Ordinal))
            {
                if (MissingRustStd(requirement[RustStd.Length..]) is { } problem)
                {
                    missing.Add(problem);
                }
            }
            else if (FindProgram(requirement) is null)
            {
                missing.Add($"the '{requirement}' toolchain (not on PATH)");
            }
        }

        return missing;
    }

    public const string RustStd = "rust-std:";

    public static string HostOs =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";

    public static string? FindProgram(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", string.Empty } : [string.Empty];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, program + extension)))
            .FirstOrDefault(File.Exists);
    }

    // rustc --print target-libdir --target TRIPLE names the folder whether or not the library is there.
    private static string? MissingRustStd(string triple)
    {
        var what = $"the Rust standard library for {triple}";
        if (FindProgram("rustc") is not { } rustc)
        {
            return $"{what} (no rustc on PATH)";
        }

        var start = new ProcessStartInfo(rustc) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--print", "target-libdir", "--target", triple })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var folder = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            return $"{what} ({rustc} does not know the target: {error.Result.Trim().Split('\n')[0]})";
        }

        return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "libstd-*.rlib").Any()
            ? null
            : $"{what} ({rustc} has none in {folder})";
    }
}
