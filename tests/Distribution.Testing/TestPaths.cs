namespace Distribution.Testing;

/// <summary>Where the repository and the shared test data (<c>../shared</c> beside the clone) are.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shared data folder beside the clone; it may be absent, and tests then skip.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    public static string TomlTestSuite => Path.Combine(Shared, "toml-test");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, "build")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
    }
}
