using System.Collections.Immutable;
using System.Globalization;
using Distribution.Adapters.Processes;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// A small git repository made by a test: fixed author, committer and dates (one minute apart), no user or
/// system configuration, so the same steps give the same hashes on any machine.
/// </summary>
internal sealed class TestRepository(string path)
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private int clock;

    public string Path { get; } = path;

    public static async Task<TestRepository> CreateAsync(string path)
    {
        Directory.CreateDirectory(path);
        var repository = new TestRepository(path);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    public async Task<string> CommitAsync(string message, string file = "README.md", string author = "Ann Example")
    {
        var full = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        await File.AppendAllTextAsync(full, message + "\n");
        await GitAsync("add", "--all");
        await GitAsAsync(author, "commit", "--quiet", "--no-verify", "-m", message);
        return await HeadAsync();
    }

    public async Task<string> MergeAsync(string branch, string message)
    {
        await GitAsAsync("Ann Example", "merge", "--quiet", "--no-ff", "-m", message, branch);
        return await HeadAsync();
    }

    public Task TagAsync(string tag) => GitAsync("tag", tag);

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Trim();

    public Task<string> GitAsync(params string[] arguments) => GitAsAsync("Ann Example", arguments);

    public async Task<string> GitAsAsync(string author, params string[] arguments)
    {
        var date = Start.AddMinutes(clock++).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var spec = new ProcessSpec("git", [.. arguments])
        {
            WorkingDirectory = Path,
            Environment = ImmutableDictionary<string, string?>.Empty
                .Add("GIT_CONFIG_GLOBAL", "/dev/null")
                .Add("GIT_CONFIG_NOSYSTEM", "1")
                .Add("GIT_AUTHOR_NAME", author)
                .Add("GIT_AUTHOR_EMAIL", author.Replace(' ', '.').ToLowerInvariant() + "@example.com")
                .Add("GIT_COMMITTER_NAME", "Release Bot")
                .Add("GIT_COMMITTER_EMAIL", "release@example.com")
                .Add("GIT_AUTHOR_DATE", date)
                .Add("GIT_COMMITTER_DATE", date),
        };
        var result = await ProcessRunner.RunAsync(spec, CancellationToken.None);
        Assert.True(result.Succeeded, $"git {string.Join(' ', arguments)} failed: {result.StandardError}");
        return result.StandardOutput;
    }
}
