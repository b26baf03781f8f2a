using System.Collections.Immutable;
using System.Globalization;
using Distribution.Adapters.Processes;
using Distribution.Core.Diagnostics;
using Distribution.Core.ReleaseNotes;

namespace Distribution.Adapters.Git;

/// <summary>
/// Reads commit history with <c>git log</c>: every commit of a range <c>FROM..TO</c> (optionally only those
/// touching a folder, for a monorepo part), with parents (to see merges), author, committer and the full
/// message. Fields are NUL-separated and records start with a record separator, so no message can break the
/// parsing. Works on bare mirrors and on work trees alike (<c>git -C REPOSITORY</c>), through <see cref="GitCli"/> and
/// so with its pinned environment.
/// </summary>
public static class GitHistory
{
    private const char RecordSeparator = '\u001e';
    private const string Format = "--format=%x1e%H%x00%P%x00%an%x00%ae%x00%cn%x00%aI%x00%B";

    /// <summary>
    /// The commits reachable from <paramref name="to"/> and not from <paramref name="from"/> (all of them when
    /// <paramref name="from"/> is null), newest first, limited to <paramref name="path"/> when not empty.
    /// </summary>
    public static Task<ImmutableArray<CommitRecord>> ReadAsync(
        string repository, string? from, string to, string path, CancellationToken cancellationToken) =>
        ReadAsync(GitCli.Default, repository, from, to, path, cancellationToken);

    /// <summary>As <see cref="ReadAsync(string, string?, string, string, CancellationToken)"/>, with <paramref name="git"/>.</summary>
    public static async Task<ImmutableArray<CommitRecord>> ReadAsync(
        GitCli git, string repository, string? from, string to, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(to);
        var arguments = new List<string>
        {
            "-c",
            "log.showSignature=false",
            "-c",
            "core.quotePath=off",
            "log",
            "--no-color",
            "--encoding=UTF-8",
            Format,
            from is null ? to : $"{from}..{to}",
            "--"
        };
        if (!string.IsNullOrEmpty(path))
        {
            arguments.Add(path.Trim('/'));
        }

        var result = await RunAsync(git, repository, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.ReleaseNotes.GitLogFailed,
                $"git log {(from is null ? to : $"{from}..{to}")} failed in {repository}: {result.Tail(3)}",
                "check that both tags exist in the repository (run Fetch to refresh the mirror)");
        }

        return Parse(result.StandardOutput);
    }

    /// <summary>The commit a reference (tag, branch, hash) points at, or null when the repository does not have it.</summary>
    public static Task<string?> ResolveAsync(string repository, string reference, CancellationToken cancellationToken) =>
        ResolveAsync(GitCli.Default, repository, reference, cancellationToken);

    /// <summary>As <see cref="ResolveAsync(string, string, CancellationToken)"/>, with <paramref name="git"/>.</summary>
    public static async Task<string?> ResolveAsync(GitCli git, string repository, string reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(reference);
        var result = await RunAsync(
            git,
            repository,
            ["rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}"],
            cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    internal static ImmutableArray<CommitRecord> Parse(string output)
    {
        var commits = ImmutableArray.CreateBuilder<CommitRecord>();
        foreach (var record in output.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = record.Split('\0', 7);
            if (fields.Length < 7)
            {
                continue; // the newline git writes between records
            }

            commits.Add(new CommitRecord(
                fields[0].Trim(),
                [.. fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)],
                fields[2],
                fields[3],
                fields[4],
                DateTimeOffset.Parse(fields[5], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                fields[6].TrimEnd('\n', '\r')));
        }

        return commits.ToImmutable();
    }

    private static Task<ProcessResult> RunAsync(
        GitCli git, string repository, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        git.RunAsync(null, arguments.Prepend(repository).Prepend("-C"), cancellationToken);
}
