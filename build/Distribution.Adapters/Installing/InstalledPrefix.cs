using System.Collections.Immutable;
using Distribution.Core.Installing;

namespace Distribution.Adapters.Installing;

/// <summary>Reads what an installer left in a prefix: its receipts and a full listing.</summary>
public sealed record InstalledPrefix(string Path)
{
    public string ReceiptsFolder => System.IO.Path.Combine(Path, InstallReceipt.Folder);

    public ImmutableDictionary<string, InstallReceipt> Receipts()
    {
        var receipts = ImmutableDictionary.CreateBuilder<string, InstallReceipt>(StringComparer.Ordinal);
        if (!Directory.Exists(ReceiptsFolder))
        {
            return receipts.ToImmutable();
        }

        foreach (var file in Directory.EnumerateFiles(ReceiptsFolder, "*.files"))
        {
            var component = System.IO.Path.GetFileNameWithoutExtension(file);
            var versionFile = System.IO.Path.ChangeExtension(file, ".version");
            receipts[component] = InstallReceipt.Parse(
                component, File.ReadAllText(file), File.Exists(versionFile) ? File.ReadAllText(versionFile) : string.Empty);
        }

        return receipts.ToImmutable();
    }

    /// <summary>Every entry under the prefix, relative, folders ending in '/', links as "path -> target".</summary>
    public PrefixListing Listing()
    {
        if (!Directory.Exists(Path))
        {
            return PrefixListing.Of([]);
        }

        return PrefixListing.Of(new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(entry =>
        {
            var relative = System.IO.Path.GetRelativePath(Path, entry.FullName).Replace('\\', '/');
            return entry.LinkTarget is { } target ? $"{relative} -> {target}" : entry is DirectoryInfo ? relative + "/" : relative;
        }));
    }

    /// <summary>Whether a file or link exists at a prefix-relative path.</summary>
    public bool Has(string relative)
    {
        var full = System.IO.Path.Combine(Path, relative);
        return File.Exists(full) || new FileInfo(full).LinkTarget is not null;
    }
}
