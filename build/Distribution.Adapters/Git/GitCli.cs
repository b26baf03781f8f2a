using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Distribution.Adapters.Processes;
using Distribution.Core.Sources;

namespace Distribution.Adapters.Git;

/// <summary>
/// Runs git with a pinned environment: no system or user configuration (so nobody's aliases, hooks, signing,
/// templates or default branch change what happens), no prompts, the C locale, and none of the GIT_* variables
/// that would redirect it to another repository. Every call names its repository with <c>--git-dir</c> (or, for
/// history that may be read from a work tree, <c>-C</c>: <see cref="GitHistory"/>).
/// </summary>
public sealed class GitCli
{
    private static readonly string NullDevice = OperatingSystem.IsWindows() ? "NUL" : "/dev/null";

    public GitCli(string program = "git")
    {
        Program = program;
    }

    public static GitCli Default { get; } = new();

    public string Program { get; }

    /// <summary>The environment every git call runs with (null removes an inherited variable).</summary>
    public static ImmutableDictionary<string, string?> PinnedEnvironment { get; } = new Dictionary<string, string?>
    {
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_CONFIG_GLOBAL"] = NullDevice,
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_ASKPASS"] = null,
        ["SSH_ASKPASS"] = null,
        ["LC_ALL"] = "C",
        ["LANG"] = "C",
        ["GIT_DIR"] = null,
        ["GIT_WORK_TREE"] = null,
        ["GIT_INDEX_FILE"] = null,
        ["GIT_OBJECT_DIRECTORY"] = null,
        ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = null,
        ["GIT_NAMESPACE"] = null,
        ["GIT_AUTHOR_NAME"] = null,
        ["GIT_AUTHOR_EMAIL"] = null,
        ["GIT_AUTHOR_DATE"] = null,
        ["GIT_COMMITTER_NAME"] = null,
        ["GIT_COMMITTER_EMAIL"] = null,
        ["GIT_COMMITTER_DATE"] = null,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Runs <c>git [--git-dir=REPOSITORY] ARGS</c> and returns what happened, failed or not.</summary>
    public Task<ProcessResult> RunAsync(
        string? repository, IEnumerable<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? input = null) =>
        ProcessRunner.RunAsync(Spec(repository, arguments, input), cancellationToken);

    /// <summary>Runs git and returns its standard output; throws <see cref="GitException"/> when it fails.</summary>
    public async Task<string> RunCheckedAsync(
        string? repository, IEnumerable<string> arguments, CancellationToken cancellationToken, ReadOnlyMemory<byte>? input = null)
    {
        var list = arguments.ToImmutableArray();
        var result = await RunAsync(repository, list, cancellationToken, input).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw Failure(list, result.ExitCode, result.Tail(5));
    }

    /// <summary>
    /// Runs git and hands its standard output, as a stream, to <paramref name="read"/>; throws <see cref="GitException"/> when git fails.
    /// </summary>
    public async Task StreamAsync(
        string? repository, IEnumerable<string> arguments, Func<Stream, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var list = arguments.ToImmutableArray();
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(repository, list))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in PinnedEnvironment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new ProgramNotFoundException(Program, exception);
        }

        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        Exception? readFailure = null;
        try
        {
            await read(process.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false);
            await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Kept to be rethrown after git's own error, which usually says more.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            readFailure = exception;
            Kill(process);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var errorText = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw Failure(list, process.ExitCode, new ProcessResult(process.ExitCode, string.Empty, errorText).Tail(5));
        }

        if (readFailure is not null)
        {
            throw new GitException($"reading the output of 'git {string.Join(' ', list)}' failed: {readFailure.Message}", readFailure);
        }
    }

    /// <summary>Every tag of the repository with the commit it points to (annotated tags peeled), by name.</summary>
    public async Task<ImmutableSortedDictionary<string, string>> TagsAsync(string repository, CancellationToken cancellationToken) =>
        (await RefsAndTagsAsync(repository, cancellationToken).ConfigureAwait(false)).Tags;

    /// <summary>Every ref with its object id (<c>refs/tags/v1.0.0 abc…</c>), to tell what a fetch changed.</summary>
    public async Task<ImmutableSortedDictionary<string, string>> RefsAsync(string repository, CancellationToken cancellationToken) =>
        (await RefsAndTagsAsync(repository, cancellationToken).ConfigureAwait(false)).Refs;

    /// <summary>
    /// Every ref with its object, and every tag with the commit it points to (annotated tags peeled): one <c>for-each-ref</c>.
    /// </summary>
    public async Task<MirrorRefs> RefsAndTagsAsync(string repository, CancellationToken cancellationToken) =>
        MirrorRefs.Parse(await RunCheckedAsync(
            repository, ["for-each-ref", "--format=" + MirrorRefs.Format], cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The branches and tags of the repository at <paramref name="url"/> (ref → object, tags not peeled), asked with
    /// <c>git ls-remote</c> from inside <paramref name="repository"/>; nothing is fetched. A failure names the command
    /// without the URL (git's own message may name it).
    /// </summary>
    public async Task<ImmutableSortedDictionary<string, string>> RemoteRefsAsync(
        string repository, string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var result = await RunAsync(repository, ["ls-remote", "--heads", "--tags", "--refs", url], cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? GitRefs.ParseRemote(result.StandardOutput)
            : throw Failure(["ls-remote", "--heads", "--tags", "--refs", "origin"], result.ExitCode, result.Tail(5));
    }

    /// <summary>
    /// The tree at <paramref name="commit"/>, or of the folder <paramref name="path"/> in it; null when the folder does not exist there.
    /// </summary>
    public async Task<string?> TreeAsync(string repository, string commit, string path, CancellationToken cancellationToken)
    {
        // One process for both questions: the commit's tree, and what the path names in it ("COMMIT:PATH^{tree}"
        // would read "^{tree}" as part of the path, so the entry's type is checked instead).
        var queries = path.Length == 0 ? $"{commit}^{{tree}}\n" : $"{commit}^{{tree}}\n{commit}:{path}\n";
        string[] arguments = ["cat-file", "--batch-check=%(objectname) %(objecttype)"];
        var result = await RunAsync(
            repository, arguments, cancellationToken, System.Text.Encoding.UTF8.GetBytes(queries)).ConfigureAwait(false);
        var answers = Lines(result.StandardOutput).ToArray();
        if (!result.Succeeded
            || answers.Length == 0
            || answers[0].EndsWith(" missing", StringComparison.Ordinal)
            || !answers[0].EndsWith(" tree", StringComparison.Ordinal))
        {
            // The commit or its tree cannot be read: a damaged repository, or a commit that is not there.
            throw Failure(
                ["rev-parse", commit + "^{tree}"],
                result.Succeeded ? 1 : result.ExitCode,
                result.Tail(5).Length > 0 && !result.Succeeded ? result.Tail(5) : $"cannot read the tree of commit {commit}");
        }

        if (path.Length == 0)
        {
            return answers[0].Split(' ')[0];
        }

        return answers.Length > 1 && answers[1].EndsWith(" tree", StringComparison.Ordinal) ? answers[1].Split(' ')[0] : null;
    }

    /// <summary>
    /// The trees and commit times of many queries from one <c>git cat-file --batch</c> (<see cref="TreeBatch"/>): a
    /// lookup for every query whose commit and root tree can be read. A query without one is to be asked alone with
    /// <see cref="TreeAsync"/>, which says what is wrong.
    /// </summary>
    public async Task<ImmutableDictionary<TreeQuery, TreeLookup>> TreesAsync(
        string repository, IReadOnlyCollection<TreeQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return ImmutableDictionary<TreeQuery, TreeLookup>.Empty;
        }

        string[] arguments = ["cat-file", "--batch=" + TreeBatch.Format];
        var input = System.Text.Encoding.UTF8.GetBytes(string.Concat(TreeBatch.Names(queries).Select(name => name + "\n")));
        var result = await ProcessRunner.RunBinaryAsync(Spec(repository, arguments, input), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(arguments, result.ExitCode, result.Tail(5));
        }

        try
        {
            return TreeBatch.Parse(result.StandardOutput.Span, queries);
        }
        catch (FormatException exception)
        {
            throw new GitException($"the output of 'git {string.Join(' ', arguments)}' cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// When <paramref name="commit"/> was committed, with the committer's offset (packaging uses it as the archive mtime).
    /// </summary>
    public async Task<DateTimeOffset> CommitTimeAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var output = await RunCheckedAsync(
            repository, ["show", "-s", "--format=%cI", commit + "^{commit}"], cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.Parse(output.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>True when some branch of the repository contains <paramref name="commit"/>.</summary>
    public async Task<bool> IsOnBranchAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var output = await RunCheckedAsync(
            repository,
            ["for-each-ref", "--count=1", "--contains", commit, "--format=%(refname)", "refs/heads"],
            cancellationToken).ConfigureAwait(false);
        return output.Trim().Length > 0;
    }

    /// <summary>
    /// For each of <paramref name="commits"/>, whether some branch contains it, with as few processes as are exact: one
    /// commit is asked with <see cref="IsOnBranchAsync"/>; several with one <c>git rev-list COMMIT… --not --branches</c>,
    /// which lists what no branch reaches. A commit it does not list is on a branch (only a walk down from a branch
    /// marks it so); its walk may stop early when commit dates are skewed and then list a commit a branch does reach,
    /// so each listed commit is asked again with <see cref="IsOnBranchAsync"/>: "on no branch" is never a guess.
    /// </summary>
    public async Task<ImmutableDictionary<string, bool>> OnBranchAsync(
        string repository, IReadOnlyCollection<string> commits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var distinct = commits.Distinct(StringComparer.Ordinal).ToList();
        var result = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        if (distinct.Count == 1)
        {
            result[distinct[0]] = await IsOnBranchAsync(repository, distinct[0], cancellationToken).ConfigureAwait(false);
        }
        else if (distinct.Count > 1)
        {
            var output = await RunCheckedAsync(
                repository,
                ["rev-list", "--not", "--branches", "--not", "--end-of-options", .. distinct],
                cancellationToken).ConfigureAwait(false);
            var unreached = Lines(output).ToHashSet(StringComparer.Ordinal);
            foreach (var commit in distinct)
            {
                result[commit] = !unreached.Contains(commit)
                    || await IsOnBranchAsync(repository, commit, cancellationToken).ConfigureAwait(false);
            }
        }

        return result.ToImmutable();
    }

    /// <summary><c>git [--git-dir=REPOSITORY] ARGS</c> with the pinned environment, <paramref name="input"/> on standard input.</summary>
    private ProcessSpec Spec(string? repository, IEnumerable<string> arguments, ReadOnlyMemory<byte>? input) =>
        new(Program, [.. Arguments(repository, arguments)]) { Environment = PinnedEnvironment, StandardInput = input };

    private static IEnumerable<string> Arguments(string? repository, IEnumerable<string> arguments) =>
        repository is null ? arguments : arguments.Prepend("--git-dir=" + repository);

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static GitException Failure(IEnumerable<string> arguments, int exitCode, string tail) =>
        new("git " + string.Join(' ', arguments), exitCode, tail.Replace('\n', ' ').Trim());

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
