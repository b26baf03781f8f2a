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

    /// <summary>Issue 19: release-notes run alone wrote notes from a tag that had moved since versions.lock was written.</summary>
    [Fact]
    public async Task Release_notes_alone_refuses_a_tag_that_moved_since_the_lock_and_writes_nothing()
    {
        using var root = CopyOfRepository();
        var fetched = await RunAsync(root, "fetch", "--bundle", "stable-3.2");
        Assert.True(fetched.ExitCode == 0, fetched.Output + fetched.Error);
        var core = root.Combine(".cache", "samples", "provisioning-core.git");
        var other = (await Adapters.Git.GitCli.Default.RunCheckedAsync(core, ["rev-parse", "v3.2.0^{commit}"], CancellationToken.None))
            .Trim();
        await Adapters.Git.GitCli.Default.RunCheckedAsync(core, ["tag", "-f", "v3.2.1", other], CancellationToken.None);

        var (exitCode, output, error) = await RunAsync(
            root, "release-notes", "--bundle", "stable-3.2", "--output", "artifacts/RELEASE_NOTES.md");

        Assert.Equal(1, exitCode);
        Assert.Contains(
            $"error SRC021: tag 'v3.2.1' of core now points to commit {other}, but the lock of bundle 'stable-3.2' says ",
            error,
            StringComparison.Ordinal);
        Assert.False(File.Exists(root.Combine("artifacts", "RELEASE_NOTES.md")), output);
        Assert.False(File.Exists(root.Combine("CHANGELOG.md")));
    }

    /// <summary>Issue 19: a GITHUB_TOKEN ending in a newline (as read from a file) crashed release-notes with exit code 2.</summary>
    [Fact]
    public async Task A_token_with_a_trailing_newline_is_trimmed_and_never_printed()
    {
        using var root = CopyOfRepository();
        var plain = await RunAsync(root, "release-notes", "--bundle", "stable-3.2", "--dry-run");

        var (exitCode, output, error) = await RunAsync(
            root,
            new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "abcd1234efgh\n", ["GITHUB_API_URL"] = "http://127.0.0.1:9/api/v3" },
            "release-notes",
            "--bundle",
            "stable-3.2",
            "--dry-run");

        Assert.True(exitCode == 0, output + error);
        Assert.DoesNotContain("abcd1234efgh", output + error, StringComparison.Ordinal);
        Assert.Equal(plain.Output, output);
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

    [Fact]
    public async Task Component_notes_go_into_the_named_changelog_with_a_link_reference_keeping_its_bom_and_crlf()
    {
        using var root = CopyOfRepository();
        var versions = root.Combine("version-management", "versions.toml");
        var toml = await File.ReadAllTextAsync(versions);
        var at = toml.IndexOf("web-url = \"\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(
            versions, toml[..at] + "web-url = \"https://github.com/example/provisioning-core\"" + toml[(at + "web-url = \"\"".Length)..]);
        var existing = "# Changelog\r\n\r\n## [3.1.5] - 2025-05-01\r\n\r\n- by hand\r\n\r\n"
            + "[3.1.5]: https://github.com/example/provisioning-core/compare/v3.1.0...v3.1.5\r\n";
        byte[] bom = [0xEF, 0xBB, 0xBF];
        await File.WriteAllBytesAsync(root.Combine("core-CHANGELOG.md"), [.. bom, .. System.Text.Encoding.UTF8.GetBytes(existing)]);

        var first = await RunAsync(
            root, "release-notes", "--component", "core", "--from", "3.1.5", "--to", "v3.2.1", "--changelog", "core-CHANGELOG.md");
        var afterFirst = await File.ReadAllBytesAsync(root.Combine("core-CHANGELOG.md"));
        var second = await RunAsync(
            root, "release-notes", "--component", "core", "--from", "v3.1.5", "--to", "3.2.1", "--changelog", "core-CHANGELOG.md");

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(afterFirst, await File.ReadAllBytesAsync(root.Combine("core-CHANGELOG.md")));
        Assert.Equal(bom, afterFirst[..3]);
        var text = System.Text.Encoding.UTF8.GetString(afterFirst[3..]);
        Assert.DoesNotContain(Regex.Matches(text, "\n"), match => match.Index == 0 || text[match.Index - 1] != '\r');
        Assert.StartsWith("# Changelog\r\n\r\n## [3.2.1] - 2025-07-15\r\n\r\n### Added\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\n## [3.1.5] - 2025-05-01\r\n\r\n- by hand\r\n\r\n"
            + "[3.2.1]: https://github.com/example/provisioning-core/compare/v3.1.5...v3.2.1\r\n"
            + "[3.1.5]: https://github.com/example/provisioning-core/compare/v3.1.0...v3.1.5\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("chore(release)", text, StringComparison.Ordinal);
        Assert.Contains("# core 3.1.5 → 3.2.1", first.Output, StringComparison.Ordinal);
        Assert.Contains("core-CHANGELOG.md: added the entry of 3.2.1", first.Output, StringComparison.Ordinal);
        Assert.Contains("core-CHANGELOG.md: the entry of 3.2.1 is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Component_notes_without_a_changelog_print_the_entry_and_write_nothing()
    {
        using var root = CopyOfRepository();

        var (exitCode, output, error) = await RunAsync(root, "release-notes", "--component", "ext-mongodb", "--include-all");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("# ext-mongodb 0.9.2 → 1.2.0", output, StringComparison.Ordinal);
        Assert.Contains("## [1.2.0] - ", output, StringComparison.Ordinal);
        Assert.Contains("- **chore(mongodb):** release 1.2.0", output, StringComparison.Ordinal);
        Assert.False(File.Exists(root.Combine("CHANGELOG.md")));
    }

    [Fact]
    public async Task Bots_named_on_the_command_line_are_left_out_of_the_notes()
    {
        using var root = CopyOfRepository();

        var plain = await RunAsync(root, "release-notes", "--component", "core", "--from", "3.1.5", "--to", "3.2.1");
        var (exitCode, output, error) = await RunAsync(
            root,
            "release-notes", "--component", "core", "--from", "3.1.5", "--to", "3.2.1", "--bots", "Dana Okafor, chen.wei@example.com");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("Dana Okafor", plain.Output, StringComparison.Ordinal);
        Assert.Contains("Chen Wei", plain.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Okafor", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chen Wei", output, StringComparison.Ordinal);
        Assert.Contains("**Contributors:** Ana Ruiz, Bram de Vries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreleased_on_the_samples_names_every_component_with_nothing_to_release()
    {
        using var root = CopyOfRepository();

        var (exitCode, output, error) = await RunAsync(root, "release-notes", "--unreleased");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("| core | 3.3.0 | main | 0 | — | nothing to release |", output, StringComparison.Ordinal);
        Assert.Contains("| ext-mongodb | 1.2.0 | main | 0 | — | nothing to release |", output, StringComparison.Ordinal);
        Assert.Equal(6, Regex.Matches(output, @"^\| (core|platform|workspace|ext-\w+) \|", RegexOptions.Multiline).Count);
    }

    [Theory]
    [InlineData("--component", "kernel")]
    [InlineData("--unreleased", "--bundle=stable-3.2")]
    public async Task A_bad_component_or_mixed_options_are_a_user_error(string option, string value)
    {
        using var root = CopyOfRepository();

        var (exitCode, _, error) = await RunAsync(root, "release-notes", option, value);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error RN004: ", error.Trim(), StringComparison.Ordinal);
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

    internal static TempDirectory CopyOfRepository()
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
