namespace Distribution.Adapters.Files;

/// <summary>
/// Where things are in this repository: found by walking up from a folder to the one that holds build.sh and version-management/.
/// </summary>
public sealed record RepositoryPaths(string Root)
{
    public string VersionManagement => Path.Combine(Root, "version-management");

    public string VersionsFile => Path.Combine(VersionManagement, "versions.toml");

    public string Packaging => Path.Combine(Root, "packaging");

    public string Installers => Path.Combine(Root, "installers");

    public string Samples => Path.Combine(Root, "samples");

    public string Artifacts => Path.Combine(Root, "artifacts");

    public string Cache => Path.Combine(Root, ".cache");

    /// <summary>Finds the repository root above <paramref name="start"/> (the current directory by default).</summary>
    public static RepositoryPaths Find(string? start = null)
    {
        var environmentRoot = Environment.GetEnvironmentVariable("PROVISIONING_DIST_ROOT");
        if (!string.IsNullOrEmpty(environmentRoot))
        {
            return new RepositoryPaths(Path.GetFullPath(environmentRoot));
        }

        for (var directory = new DirectoryInfo(start
            ?? Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh"))
                && Directory.Exists(Path.Combine(directory.FullName, "version-management")))
            {
                return new RepositoryPaths(directory.FullName);
            }
        }

        return new RepositoryPaths(Path.GetFullPath(start ?? Directory.GetCurrentDirectory()));
    }

    /// <summary>A path as users should see it in messages: relative to the root when inside it.</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative.Replace('\\', '/');
    }
}
