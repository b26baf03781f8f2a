namespace Distribution.Adapters.Archives;

/// <summary>
/// The rules for paths inside our archives (docs/formats.md): relative, '/'-separated,
/// no '.', '..' or empty segments; links relative and inside the prefix.
/// </summary>
public static class ArchivePaths
{
    public static void Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal)
            || path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new InvalidDataException($"'{path}' is not a valid archive path "
                + "(relative, '/'-separated, without '.', '..' or empty segments)");
        }
    }

    /// <summary>
    /// Checks that a link at <paramref name="path"/> pointing to <paramref name="target"/> is relative and stays inside the archive.
    /// </summary>
    public static void CheckLink(string path, string target)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Length == 0 || target.StartsWith('/'))
        {
            throw new InvalidDataException($"the link '{path}' points to '{target}': "
                + "links must be relative and stay inside the install prefix");
        }

        var depth = path.Split('/').Length - 1;
        foreach (var segment in target.Split('/'))
        {
            depth += segment switch
            {
                ".." => -1,
                "." or "" => 0,
                _ => 1,
            };
            if (depth < 0)
            {
                throw new InvalidDataException($"the link '{path}' points to '{target}', "
                    + "outside the install prefix: links must stay inside it");
            }
        }
    }
}
