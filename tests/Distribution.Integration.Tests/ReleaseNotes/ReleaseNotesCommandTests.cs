using System.Text.RegularExpressions;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// The release-notes verb end to end, in a copy of the repository's versions.toml and samples (so the checkout is never written).
/// </summary>
public sealed class ReleaseNotesCommandTests
{
    private const string Existing = "# Changelog\n\nWritten by hand.\n\n## [Unreleased]\n\n- "
        + "nothing yet\n\n## [stable-3.1] - 2025-06-02\n\n- the first bundle\n";

    [Fact]
    public async Task Running_twice_leaves_one_changelog_entry_for_the_release_and_keeps_the_rest()
    {
        using var root = CopyOfRepository();
        await File.WriteAllTextAsync(root.Combine("CHANGELOG.md"), Existing);

        var first = await RunAsync(root, "release-notes", "--bundle", "stable-3.2", "--output", "artifacts/RELEASE_NOTES.md");
        var afterFirst = await File.ReadAllTextAsync(root.Combine("CHANGELOG.md"));
        var second = await RunAsync(root, "release-notes", "--bundle", "stable-3.2", "--output", "artifacts/RELEASE_NOTES.md");
        var afterSecond = await File.ReadAllTextAsync(root.Combine("CHANGELOG.md"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Single(Regex.Matches(afterSecond, @"^## \[stable-3\.2\] - 2025-10-15$", RegexOptions.Multiline));
        Assert.StartsWith(
            "# Changelog\n\nWritten by hand.\n\n## [Unreleased]\n\n- nothing yet\n\n## [stable-3.2] - 2025-10-15\n",
            afterSecond,
            StringComparison.Ordinal);
        Assert.EndsWith("\n## [stable-3.1] - 2025-06-02\n\n- the first bundle\n", afterSecond, StringComparison.Ordinal);
        Assert.Contains("CHANGELOG.md: added the entry of stable-3.2", first.Output, StringComparison.Ordinal);
        Assert.Contains("CHANGELOG.md: the entry of stable-3.2 is up to date", second.Output, StringComparison.Ordinal);
        Assert.StartsWith(
            "# Stable 3.2 Bundle\n", await File.ReadAllTextAsync(root.Combine("artifacts", "RELEASE_NOTES.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_prints_the_notes_and_the_changelog_diff_and_writes_nothing()
    {
        using var root = CopyOfRepository();
        await File.WriteAllTextAsync(root.Combine("CHANGELOG.md"), Existing);

        var (exitCode, output, _) = await RunAsync(
            root, "release-notes", "--since", "core@3.2.0", "--changelog", "docs/CHANGES.md", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Contains("| core | 3.2.0 | 3.2.1 | upgraded |", output, StringComparison.Ordinal);
        Assert.Contains("+++ b/docs/CHANGES.md", output, StringComparison.Ordinal);
        Assert.Contains("+## [stable-3.2] - 2025-10-15", output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing written", output, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Combine("docs", "CHANGES.md")));
        Assert.Equal(Existing, await File.ReadAllTextAsync(root.Combine("CHANGELOG.md")));
    }

    [Fact]
    public async Task Unknown_since_bundle_is_a_user_error()
    {
        using var root = CopyOfRepository();

        var (exitCode, _, error) = await RunAsync(root, "release-notes", "--since", "stable-9.9", "--dry-run");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error RN001: --since=stable-9.9 names no bundle of versions.toml", error.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ghe.example.com/api/v3")]
    [InlineData("ftp://ghe.example.com/api/v3")]
    [InlineData("http://[not a url")]
    public async Task A_bad_GITHUB_API_URL_is_a_warning_and_the_notes_come_from_git_alone(string apiUrl)
    {
        using var root = CopyOfRepository();
        var plain = await RunAsync(root, "release-notes", "--bundle", "stable-3.2", "--dry-run");

        var (exitCode, output, error) = await RunAsync(
            root,
            new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "abcd1234", ["GITHUB_API_URL"] = apiUrl },
            "release-notes",
            "--bundle",
            "stable-3.2",
            "--dry-run");

        Assert.True(exitCode == 0, output + error);
        var warning = Assert.Single(error.Split('\n'), line => line.Contains("RN020", StringComparison.Ordinal));
        Assert.Contains("warning RN020:", warning, StringComparison.Ordinal);
        Assert.Contains($"GITHUB_API_URL '{apiUrl}' is not an http(s) URL", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("abcd1234", output + error, StringComparison.Ordinal);
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(plain.Output, output);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(TempDirectory root, params string[] arguments) =>
        RunAsync(root, new Dictionary<string, string?>(), arguments);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(
        TempDirectory root, Dictionary<string, string?> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>
        {
            ["PROVISIONING_DIST_ROOT"] = root.Path,
            ["GITHUB_TOKEN"] = null,
            ["GH_TOKEN"] = null,
            ["GITHUB_API_URL"] = null
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return CliProcess.RunCliAsync(root.Path, variables, arguments);
    }

    private static TempDirectory CopyOfRepository()
    {
        var root = new TempDirectory("notes-cli");
        Directory.CreateDirectory(root.Combine("version-management"));
        File.Copy(
            Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"),
            root.Combine("version-management", "versions.toml"));
        File.WriteAllText(root.Combine("build.sh"), string.Empty);
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var target = root.Combine("samples", Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        return root;
    }
}
