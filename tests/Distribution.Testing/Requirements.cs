namespace Distribution.Testing;

/// <summary>
/// Checks for what conditional tests need. Folders are named relative to the repository root
/// (<c>../shared/toml-test</c>); programs are looked up on PATH and in <c>tools/node_modules/.bin</c>.
/// </summary>
public static class Requirements
{
    /// <summary>The reason to skip, or null when the folder exists.</summary>
    public static string? MissingFolder(string? folder)
    {
        if (folder is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(TestPaths.RepositoryRoot, folder));
        return Directory.Exists(full) ? null : $"{folder} is absent ({full}); this test needs it";
    }

    /// <summary>The reason to skip, or null when the program can be found.</summary>
    public static string? MissingProgram(string? program) =>
        program is null || FindProgram(program) is not null ? null : $"'{program}' is not installed (run .ci/run or install it); this test needs it";

    /// <summary>The full path of a program on PATH or in tools/node_modules/.bin, or null.</summary>
    public static string? FindProgram(string program)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Prepend(Path.Combine(TestPaths.RepositoryRoot, "tools", "node_modules", ".bin"));
        return directories.Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
    }
}
