namespace Distribution.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (with everything in it) when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>How every name starts: <c>pdist-PREFIX-</c> and random hex digits (scrubbed from snapshots).</summary>
    public const string NamePrefix = "pdist-";

    public TempDirectory(string? prefix = null)
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), $"{NamePrefix}{prefix ?? "test"}-{Guid.NewGuid():N}"[..Math.Min(48, 18 + (prefix?.Length ?? 4))]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that the test started may still hold a file; the system cleans temp later.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
