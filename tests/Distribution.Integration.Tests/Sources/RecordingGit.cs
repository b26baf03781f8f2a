using System.Collections.Immutable;
using Distribution.Adapters.Git;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

/// <summary>
/// A git that writes down every command it is asked to run (one line each, arguments joined by spaces, the
/// <c>--git-dir=…</c> of the call left out) and then runs the real git: a POSIX shell script, so Unix only. Tests use
/// it to pin which git processes a step starts, never how long they take.
/// </summary>
internal sealed class RecordingGit : IDisposable
{
    private readonly TempDirectory directory = new("gitlog");

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public RecordingGit()
    {
        var script = directory.Combine("git");
        File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{LogFile}'\nexec git \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Git = new GitCli(script);
    }

    public GitCli Git { get; }

    private string LogFile => directory.Combine("commands.log");

    /// <summary>The commands run since the last <see cref="Clear"/>, in the order they started.</summary>
    public ImmutableArray<string> Commands =>
        File.Exists(LogFile)
            ? [.. File.ReadAllLines(LogFile).Select(line => string.Join(
                ' ', line.Split(' ').Where(part => !part.StartsWith("--git-dir=", StringComparison.Ordinal))))]
            : [];

    /// <summary>How many of the commands start with <paramref name="command"/> (<c>"fetch"</c>, <c>"cat-file --batch"</c>).</summary>
    public int Count(string command) => Commands.Count(line => line.StartsWith(command, StringComparison.Ordinal));

    public void Clear() => File.Delete(LogFile);

    public void Dispose() => directory.Dispose();
}
