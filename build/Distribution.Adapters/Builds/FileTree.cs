namespace Distribution.Adapters.Builds;

/// <summary>Copies and removes folders the way builds need: links copied as links, executable bits kept.</summary>
public static class FileTree
{
    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var item in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, item.Name);
            if (item.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (item is DirectoryInfo)
            {
                Copy(item.FullName, target);
            }
            else
            {
                File.Copy(item.FullName, target, overwrite: true);
            }
        }
    }

    /// <summary>Deletes a folder if it exists; read-only files (git objects, say) do not stop it.</summary>
    public static void Delete(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is null)
            {
                info.Attributes = FileAttributes.Normal;
            }
        }

        Directory.Delete(folder, recursive: true);
    }
}
