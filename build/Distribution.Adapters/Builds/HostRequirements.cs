namespace Distribution.Adapters.Builds;

/// <summary>
/// Checks what a recipe <c>requires</c> of the host: a program on PATH (<c>dotnet</c>, <c>cargo</c>) or an
/// operating system (<c>os:linux</c>, <c>os:darwin</c>, <c>os:windows</c>, for targets that need a native runner).
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
            else if (FindProgram(requirement) is null)
            {
                missing.Add($"the '{requirement}' toolchain (not on PATH)");
            }
        }

        return missing;
    }

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
}
