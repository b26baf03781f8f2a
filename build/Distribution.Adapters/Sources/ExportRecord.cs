using Distribution.Adapters.Files;

namespace Distribution.Adapters.Sources;

/// <summary>
/// What an export held when it was made: <c>sources/COMPONENT/COMMIT.files</c> beside the export folder, one line per
/// entry, sorted (<c>file SHA256 PATH</c>, <c>exec SHA256 PATH</c>, <c>link TARGET PATH</c>, <c>dir - PATH</c>). A build
/// that reads an export first compares it with this record, so a file changed in the cache is never built silently.
/// </summary>
public static class ExportRecord
{
    public static string PathOf(string export) => Path.TrimEndingDirectorySeparator(export) + ".files";

    /// <summary>The record of <paramref name="folder"/> as it is now (every file read and hashed).</summary>
    public static async Task<string> DescribeAsync(string folder, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await DescribeAsync(new DirectoryInfo(folder), folder, lines, cancellationToken).ConfigureAwait(false);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// What differs between the record written at export time and the folder now ("src/a.cs changed", "x added",
    /// "y removed", "no record of what was exported"); null when they agree.
    /// </summary>
    public static async Task<string?> ChangeAsync(string export, CancellationToken cancellationToken)
    {
        string recorded;
        try
        {
            recorded = await File.ReadAllTextAsync(PathOf(export), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return "no record of what was exported (exported by an older version, or the record was removed)";
        }

        var actual = await DescribeAsync(export, cancellationToken).ConfigureAwait(false);
        if (actual == recorded)
        {
            return null;
        }

        var before = Entries(recorded);
        var after = Entries(actual);
        var path = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .First(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key));
        return !after.ContainsKey(path) ? $"{path} was removed" : !before.ContainsKey(path) ? $"{path} was added" : $"{path} changed";
    }

    private static Dictionary<string, string> Entries(string record) =>
        record.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Where(parts => parts.Length == 3)
            .GroupBy(parts => parts[2], StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => string.Join('\n', group.Select(parts => parts[0] + " " + parts[1])),
                StringComparer.Ordinal);

    private static async Task DescribeAsync(DirectoryInfo directory, string root, List<string> lines, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is { } target)
            {
                lines.Add($"link {target} {relative}");
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                lines.Add($"dir - {relative}");
                await DescribeAsync(subdirectory, root, lines, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var digest = await FileHasher.HashFileAsync(entry.FullName, cancellationToken).ConfigureAwait(false);
                var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(entry.FullName) & UnixFileMode.UserExecute) != 0;
                lines.Add($"{(executable ? "exec" : "file")} {digest.Sha256} {relative}");
            }
        }
    }
}
