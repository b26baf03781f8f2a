namespace Distribution.Testing;

/// <summary>
/// Checks for what conditional tests need. Folders are named relative to the repository root
/// (<c>../shared/toml-test</c>); programs are looked up in <c>artifacts/tools/bin</c> (the launcher of the pinned
/// PowerShell that <c>./build.sh --target=Test</c> writes), in <c>tools/node_modules/.bin</c> (Nushell and the workflow
/// checkers it installs with npm) and on PATH.
/// </summary>
public static class Requirements
{
    /// <summary>The extensions Windows tries when PATHEXT is not set.</summary>
    public const string DefaultPathExt = ".COM;.EXE;.BAT;.CMD";

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
        program is null || FindProgram(program) is not null
            ? null
            : $"'{program}' is not installed (./build.sh --target=Test installs it); this test needs it";

    /// <summary>
    /// The reason to skip on Windows, or null on Linux and macOS: for tests of what only Unix has (a POSIX shell,
    /// chmod and file modes, symbolic links, ':' between PATH entries). <paramref name="reason"/> says what.
    /// </summary>
    public static string? NotUnix(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return OperatingSystem.IsWindows() ? $"Unix only: {reason}; this is Windows" : null;
    }

    /// <summary>The full path of a program in artifacts/tools/bin, tools/node_modules/.bin or on PATH, or null.</summary>
    public static string? FindProgram(string program)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Prepend(Path.Combine(TestPaths.RepositoryRoot, "tools", "node_modules", ".bin"))
            .Prepend(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "tools", "bin"));
        return FindProgram(
            program, directories, OperatingSystem.IsWindows() ? Environment.GetEnvironmentVariable("PATHEXT") ?? DefaultPathExt : null);
    }

    /// <summary>
    /// The first file in <paramref name="directories"/> that runs as <paramref name="program"/>. On Windows
    /// (<paramref name="pathExt"/> given, as in PATHEXT) only files with one of its extensions run: npm puts an
    /// extensionless sh script beside <c>nu.cmd</c> in <c>node_modules/.bin</c>, and that one is never the answer.
    /// </summary>
    public static string? FindProgram(string program, IEnumerable<string> directories, string? pathExt)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(directories);
        string[] names = [program];
        if (pathExt is not null)
        {
            var extensions = pathExt.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            names = extensions.Contains(Path.GetExtension(program), StringComparer.OrdinalIgnoreCase)
                ? [program]
                : [.. extensions.SelectMany(extension => new[] { program + extension, program
                    + extension.ToLowerInvariant() }).Distinct(StringComparer.Ordinal)];
        }

        return directories.SelectMany(directory => names.Select(name => Path.Combine(directory, name))).FirstOrDefault(File.Exists);
    }
}
