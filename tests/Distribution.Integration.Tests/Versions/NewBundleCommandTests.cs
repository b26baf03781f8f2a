using Distribution.Testing;

namespace Distribution.Integration.Tests.Versions;

public sealed class NewBundleCommandTests
{
    private static string Shipped => Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml");

    [Fact]
    public async Task Round_trip_adds_a_bundle_that_validates_and_keeps_every_other_byte()
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        File.Copy(Shipped, file);
        var before = await File.ReadAllTextAsync(file);

        var (exitCode, output, error) = await AddStable40Async(work, file);

        Assert.True(exitCode == 0, output + error);
        var after = await File.ReadAllTextAsync(file);
        Assert.Equal(before, Without(after, AddedLines));
        var (validateExit, validateOutput, validateError) = await CliProcess.RunCliAsync(work.Path, null, "validate", "--versions", file);
        Assert.True(validateExit == 0, validateOutput + validateError);
        Assert.EndsWith("4 bundles, 8 matrix entries — valid", validateOutput.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Round_trip_keeps_a_byte_order_mark_and_every_other_byte(bool crlf)
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        var shipped = await File.ReadAllTextAsync(Shipped);
        var newline = crlf ? "\r\n" : "\n";
        byte[] before = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(shipped.ReplaceLineEndings(newline))];
        await File.WriteAllBytesAsync(file, before);

        var (exitCode, output, error) = await AddStable40Async(work, file);

        Assert.True(exitCode == 0, output + error);
        var after = await File.ReadAllBytesAsync(file);
        Assert.Equal(before[..3], after[..3]);
        var text = System.Text.Encoding.UTF8.GetString(after[3..]);
        Assert.DoesNotContain("\uFEFF", text, StringComparison.Ordinal);
        Assert.Equal(crlf ? text.Count(c => c == '\n') : 0, text.Split("\r\n").Length - 1); // the added lines end as the others do
        Assert.Equal(
            before[3..],
            System.Text.Encoding.UTF8.GetBytes(Without(
                text.Replace("\r\n", "\n", StringComparison.Ordinal), AddedLines).ReplaceLineEndings(newline)));
    }

    [Fact]
    public async Task Dry_run_prints_the_diff_and_writes_nothing()
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        File.Copy(Shipped, file);
        var before = await File.ReadAllBytesAsync(file);

        var (exitCode, output, _) = await AddStable40Async(work, file, "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
        foreach (var line in AddedLines)
        {
            Assert.Contains("\n+" + line + "\n", output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(output.Split('\n'), line => line.StartsWith('-') && !line.StartsWith("--- ", StringComparison.Ordinal));
        Assert.Contains($"--- {file}\n+++ {file}\n", output, StringComparison.Ordinal);
        Assert.Equal([work.Combine("versions.toml")], Directory.GetFiles(work.Path));
    }

    [Fact]
    public async Task Refused_change_leaves_the_file_byte_identical_and_says_why()
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        File.Copy(Shipped, file);
        var before = await File.ReadAllBytesAsync(file);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(
            work.Path,
            null,
            "new-bundle",
            "--versions",
            file,
            "--bundle",
            "stable-3.2.5",
            "--core",
            "3.2.1",
            "--platform",
            "2.5.3",
            "--workspace",
            "1.4.0",
            "--extensions",
            "azure@2.0.0",
            "--name",
            "Stable 3.2 with azure 2");

        Assert.Equal(1, exitCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
        var lines = error.Trim().Split('\n');
        Assert.Contains(
            "error VM013: bundle stable-3.2.5: azure@2.0.0 does not satisfy extensions = \"^1.0\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(
            $"{file}: error VM035: adding bundle stable-3.2.5 would leave",
            lines[^1].Replace(work.Path + "/", work.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Equal([work.Combine("versions.toml")], Directory.GetFiles(work.Path));
    }

    [Fact]
    public async Task Core_whose_caret_range_has_no_end_is_refused_as_a_user_error()
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        File.Copy(Shipped, file);
        var before = await File.ReadAllBytesAsync(file);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(
            work.Path,
            null,
            "new-bundle",
            "--versions",
            file,
            "--bundle",
            "stable-big",
            "--core",
            "2147483647.0.0",
            "--platform",
            "3.0.0",
            "--workspace",
            "2.0.0",
            "--dry-run");

        Assert.Equal(1, exitCode);
        Assert.StartsWith(
            "error VM033: --core=2147483647.0.0: the new matrix entry would need the range \"^2147483647.0\"",
            error.Trim(),
            StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(file));
    }

    [Fact]
    public async Task Existing_bundle_id_is_refused()
    {
        using var work = new TempDirectory("new-bundle");
        var file = work.Combine("versions.toml");
        File.Copy(Shipped, file);

        var (exitCode, _, error) = await CliProcess.RunCliAsync(
            work.Path,
            null,
            "new-bundle",
            "--versions",
            file,
            "--bundle",
            "stable-3.2",
            "--core",
            "4.0.0",
            "--platform",
            "3.0.0",
            "--workspace",
            "2.0.0");

        Assert.Equal(1, exitCode);
        Assert.Contains("error VM032: bundle stable-3.2 exists already", error, StringComparison.Ordinal);
    }

    /// <summary>new-bundle adding stable-4.0 (the bundle of <see cref="AddedLines"/>) to <paramref name="file"/>.</summary>
    private static Task<(int ExitCode, string Output, string Error)> AddStable40Async(
        TempDirectory work, string file, params string[] more) =>
        CliProcess.RunCliAsync(
            work.Path,
            null,
            [
                "new-bundle", "--versions", file, "--bundle", "stable-4.0", "--core", "4.0.0", "--platform", "3.0.0",
                "--workspace", "2.0.0", "--extensions", "mongodb@2.0.0,redis@2.0.0", "--release-date", "2026-12-01", .. more,
            ]);

    private static readonly string[] AddedLines =
    [
        "\"4.0.0\" = { platform = \"^3.0\", extensions = \"^2.0\", workspace = \"^2.0\" }",
        "\"3.0.0\" = { core = \"^4.0\", min-core = \"4.0.0\" }",
        "",
        "[bundles.\"stable-4.0\"]",
        "name = \"Stable 4.0 Bundle\"",
        "release-date = \"2026-12-01\"",
        "core = \"4.0.0\"",
        "platform = \"3.0.0\"",
        "workspace = \"2.0.0\"",
        "extensions = [\"mongodb@2.0.0\", \"redis@2.0.0\"]",
    ];

    // The text with the first occurrence (from the end, for the blank line) of each added line removed.
    private static string Without(string text, IEnumerable<string> lines)
    {
        var all = text.Split('\n').ToList();
        foreach (var line in lines)
        {
            var index = all.LastIndexOf(line);
            Assert.True(index >= 0, $"added line not found: {line}");
            all.RemoveAt(index);
        }

        return string.Join('\n', all);
    }
}
