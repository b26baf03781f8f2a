using System.Collections.Immutable;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Git;
using Distribution.Core.Benchmarks;
using Distribution.Core.Sources;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// Puts a <see cref="SyntheticBundle"/> on disk: its repositories as bare git repositories (through
/// <c>git fast-import</c>, like the samples) and its payload as a plain folder tree, for the archiver comparison.
/// Each is made once per <see cref="SyntheticBundle.Fingerprint"/>, in a temporary folder renamed into place.
/// </summary>
public sealed class SyntheticSources(GitCli git)
{
    private const string DoneFile = "synthetic.done";

    /// <summary>
    /// The bare repositories under <paramref name="folder"/>, by repository name (core, platform, workspace, extensions).
    /// </summary>
    public async Task<ImmutableSortedDictionary<string, string>> RepositoriesAsync(
        SyntheticBundle bundle, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var repository in bundle.Repositories)
        {
            var destination = Path.Combine(folder, repository.Name + ".git");
            if (!File.Exists(Path.Combine(destination, DoneFile)))
            {
                var temporary = destination + ".tmp";
                FileTree.Delete(temporary);
                FileTree.Delete(destination);
                var files = repository.Files.ToDictionary(file => file.Path, file => file.Contents(), StringComparer.Ordinal);
                var script = FastImportScript.Render(repository.History, files, repository.Name);
                await git.RunCheckedAsync(
                    null,
                    ["init", "--quiet", "--bare", "--initial-branch=" + repository.History.MainBranch, temporary],
                    cancellationToken).ConfigureAwait(false);
                await git.RunCheckedAsync(temporary, ["fast-import", "--quiet", "--done"], cancellationToken, script).ConfigureAwait(false);
                await File.WriteAllTextAsync(
                    Path.Combine(temporary, DoneFile), bundle.Fingerprint + "\n", cancellationToken).ConfigureAwait(false);
                Directory.Move(temporary, destination);
            }

            result[repository.Name] = destination;
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// Every payload file of the bundle under <paramref name="folder"/> (REPOSITORY/PATH): the same bytes the archives hold.
    /// </summary>
    public static async Task<string> PayloadTreeAsync(SyntheticBundle bundle, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (File.Exists(Path.Combine(folder, DoneFile)))
        {
            return Path.Combine(folder, "payload");
        }

        var temporary = folder + ".tmp";
        FileTree.Delete(temporary);
        FileTree.Delete(folder);
        foreach (var repository in bundle.Repositories)
        {
            foreach (var file in repository.Files)
            {
                var path = Path.Combine(temporary, "payload", repository.Name, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Contents(), cancellationToken).ConfigureAwait(false);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(temporary, DoneFile), bundle.Fingerprint + "\n", cancellationToken).ConfigureAwait(false);
        Directory.Move(temporary, folder);
        return Path.Combine(folder, "payload");
    }
}
