using System.Text.Json;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Versions;

public sealed class ValidateCommandTests
{
    private static string Case(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "Distribution.Core.Tests", "Versions", "Cases", name + ".toml");

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
        Assert.Equal(["VM006", "VM006", "VM006", "VM008", "VM005"], error.Trim().Split('\n').Select(line => line.Split(' ')[2].TrimEnd(':')));
        Assert.EndsWith("INVALID, 5 errors", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_format_is_one_document_for_machines()
    {
        var (exitCode, output, _) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--versions", Case("design-example"), "--format", "json");

        Assert.Equal(1, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var error = Assert.Single(root.GetProperty("diagnostics").EnumerateArray(), item => item.GetProperty("severity").GetString() == "error");
        Assert.Equal("VM013", error.GetProperty("code").GetString());
        Assert.Equal(13, error.GetProperty("line").GetInt32());
        Assert.Contains("azure@2.0.0", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("stable-3.2", root.GetProperty("defaultBundle").GetString());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    public async Task Output_writes_the_report_to_a_file(string format)
    {
        using var work = new TempDirectory("validate");
        var report = work.Combine("out", "report." + format);

        var (exitCode, output, _) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--versions", Case("design-example"), "--format", format, "--output", report);

        Assert.Equal(1, exitCode);
        var written = await File.ReadAllTextAsync(report);
        if (format == "json")
        {
            using var json = JsonDocument.Parse(written);
            var error = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray(), item => item.GetProperty("severity").GetString() == "error");
            Assert.Equal("VM013", error.GetProperty("code").GetString());
            Assert.EndsWith($"INVALID, 1 error, 3 warnings (report: {report})", output.Trim(), StringComparison.Ordinal);
        }
        else
        {
            var lines = written.TrimEnd('\n').Split('\n');
            Assert.Single(lines, line => line.Contains(": error VM013: ", StringComparison.Ordinal));
            Assert.All(lines[..^1], line => Assert.Matches(@"^.*design-example\.toml\(\d+,\d+\): (error|warning) VM0\d\d: .+ — .+$", line));
            Assert.EndsWith("INVALID, 1 error, 3 warnings", lines[^1], StringComparison.Ordinal);
        }

        Assert.Equal([report], Directory.GetFiles(work.Combine("out")));
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
