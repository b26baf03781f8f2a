using System.Text.Json;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Versions;

public sealed class ValidateCommandTests
{
    private static string Case(string name)
        => Path.Combine(TestPaths.RepositoryRoot, "tests", "Distribution.Core.Tests", "Versions", "Cases", name + ".toml");

    [Fact]
    public async Task Shipped_versions_toml_validates_with_exit_0()
    {
        var (exitCode, output, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal("version-management/versions.toml: 3 bundles, 6 matrix entries — valid", output.Trim());
    }

    [Fact]
    public async Task Broken_file_lists_every_problem_at_once_with_exit_1_and_no_stack_trace()
    {
        using var work = new TempDirectory("validate");
        var file = work.Combine("versions.toml");
        File.Copy(Case("many-mistakes"), file);

        var (exitCode, output, error) = await CliProcess.RunCliAsync(work.Path, null, "validate", "--versions", file);

        Assert.Equal(1, exitCode);
        var lines = error.Trim().Split('\n');
        Assert.Equal(["VM006", "VM004", "VM007", "VM002", "VM013", "VM010"], lines.Select(line => line.Split(' ')[2].TrimEnd(':')));
        Assert.All(lines, line => Assert.Matches(@"^.*versions\.toml\(\d+,\d+\): error VM0\d\d: .+ — .+$", line));
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.EndsWith("INVALID, 6 errors", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_a_range_cannot_go_past_are_user_errors_beside_the_others()
    {
        using var work = new TempDirectory("validate");
        var file = work.Combine("versions.toml");
        File.Copy(Case("range-too-large"), file);

        var (exitCode, output, error) = await CliProcess.RunCliAsync(work.Path, null, "validate", "--versions", file);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("PD9999", error, StringComparison.Ordinal);
        Assert.Equal(
            ["VM006", "VM006", "VM006", "VM008", "VM005"], error.Trim().Split('\n').Select(line => line.Split(' ')[2].TrimEnd(':')));
        Assert.EndsWith("INVALID, 5 errors", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_one_document_for_machines()
    {
        var (exitCode, output, _) = await CliProcess.RunCliAsync(
            TestPaths.RepositoryRoot, null, "validate", "--versions", Case("design-example"), "--format", "json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var error = Assert.Single(
            root.GetProperty("diagnostics").EnumerateArray(), item => item.GetProperty("severity").GetString() == "error");
        Assert.Equal("VM013", error.GetProperty("code").GetString());
        Assert.Equal(13, error.GetProperty("line").GetInt32());
        Assert.Contains("azure@2.0.0", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("stable-3.2", root.GetProperty("defaultBundle").GetString());
    }

    [Fact]
    public async Task Report_of_an_invalid_file_is_written_too_and_the_exit_code_says_so()
    {
        using var work = new TempDirectory("validate");
        var report = work.Combine("out", "report.json");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            TestPaths.RepositoryRoot, null, "validate", "--versions", Case("design-example"), "--report", report);

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var problem = Assert.Single(
            json.RootElement.GetProperty("diagnostics").EnumerateArray(), item => item.GetProperty("severity").GetString() == "error");
        Assert.Equal("VM013", problem.GetProperty("code").GetString());
        Assert.Contains(": error VM013: ", error, StringComparison.Ordinal);
        Assert.EndsWith("INVALID, 1 error, 3 warnings", output.Trim(), StringComparison.Ordinal);
        Assert.Equal([report], Directory.GetFiles(work.Combine("out")));
    }

    [Fact]
    public async Task A_report_path_that_cannot_be_written_is_a_user_error()
    {
        using var work = new TempDirectory("validate");

        var (exitCode, _, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--report", work.Path);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"error PD0013: cannot write --report {work.Path}: ", error.Trim(), StringComparison.Ordinal);
        Assert.EndsWith(" — give --report a file path in a folder you can write to", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_comment_is_TOML002_at_its_place_with_exit_1()
    {
        using var work = new TempDirectory("validate");
        var file = work.Combine("versions.toml");
        var shipped = await File.ReadAllBytesAsync(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"));
        var firstLineEnd = Array.IndexOf(shipped, (byte)'\n');
        await File.WriteAllBytesAsync(file, [.. shipped[..firstLineEnd], .. " caf"u8, 0xFF, 0xFE, .. shipped[firstLineEnd..]]);

        var (exitCode, output, error) = await CliProcess.RunCliAsync(work.Path, null, "validate", "--versions", file);

        Assert.Equal(1, exitCode);
        var column = System.Text.Encoding.UTF8.GetString(shipped[..firstLineEnd]).EnumerateRunes().Count() + 5;
        Assert.EndsWith(
            $"versions.toml(1,{column}): error TOML002: invalid UTF-8 at byte {firstLineEnd + 4} "
                + "(0xFF): TOML files must be UTF-8 — save the file as UTF-8",
            error.Trim(),
            StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Trim(), StringComparison.Ordinal);
        Assert.EndsWith("INVALID, 1 error", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_file_holds_the_json_document_with_the_bundle_each_channel_points_at()
    {
        using var work = new TempDirectory("validate");
        var report = work.Combine("out", "versions.json");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--report", report);
        var json = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--format", "json");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal("version-management/versions.toml: 3 bundles, 6 matrix entries — valid", output.Trim());
        var text = await File.ReadAllTextAsync(report);
        Assert.Equal(json.Output.Trim(), text.Trim());
        using var document = JsonDocument.Parse(text);
        var channels = document.RootElement.GetProperty("channels");
        Assert.Equal("lts-3.1", channels.GetProperty("lts").GetString());
        Assert.Equal("stable-3.2", channels.GetProperty("stable").GetString());
    }

    [Fact]
    public async Task Missing_file_is_a_user_error()
    {
        using var work = new TempDirectory("validate");

        var (exitCode, _, error) = await CliProcess.RunCliAsync(work.Path, null, "validate", "--versions", work.Combine("absent.toml"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error VM030: the versions file", error.Trim(), StringComparison.Ordinal);
    }
}
