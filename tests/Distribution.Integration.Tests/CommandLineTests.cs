using Distribution.Testing;

namespace Distribution.Integration.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Test_report_sums_trx_files_and_fails_when_a_test_failed()
    {
        using var results = new TempDirectory("trx");
        await File.WriteAllTextAsync(results.Combine("a.trx"), Trx(passed: 4, failed: 0, skipped: 1));
        await File.WriteAllTextAsync(results.Combine("b.trx"), Trx(passed: 2, failed: 1, skipped: 0));

        var (exitCode, output, _) = await CliProcess.RunDevToolsAsync(results.Path, null, "test-report", results.Path);

        Assert.Equal(1, exitCode);
        Assert.EndsWith("6 passed, 1 failed, 1 skipped", output.TrimEnd());
        Assert.Equal("6 passed, 1 failed, 1 skipped\n", await File.ReadAllTextAsync(results.Combine("summary.txt")));
    }

    [Fact]
    public async Task Test_report_fails_for_an_aborted_run_and_for_an_expected_project_without_results()
    {
        using var results = new TempDirectory("trx");
        await File.WriteAllTextAsync(results.Combine("A.Tests.trx"), Trx(passed: 4, failed: 0, skipped: 0));
        await File.WriteAllTextAsync(results.Combine("B.Tests.trx"), """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed">
                <Counters total="0" executed="0" passed="0" failed="0" error="0" timeout="0" aborted="0" notExecuted="0" />
                <RunInfos>
                  <RunInfo computerName="vm" outcome="Error"><Text>The active test run was aborted. Reason: Test host process crashed : Process terminated.</Text></RunInfo>
                </RunInfos>
              </ResultSummary>
            </TestRun>
            """);

        var (exitCode, output, error) = await CliProcess.RunDevToolsAsync(
            results.Path, null, "test-report", results.Path, "--expect", "A.Tests,B.Tests,C.Tests");

        Assert.Equal(1, exitCode);
        Assert.EndsWith("4 passed, 2 failed", output.TrimEnd());
        var problems = error.Trim().Split('\n');
        Assert.Equal(2, problems.Length);
        Assert.StartsWith(
            "error PD0011: B.Tests: the test run did not complete: The active test run was aborted. Reason: Test host process crashed",
            problems[0],
            StringComparison.Ordinal);
        Assert.StartsWith("error PD0012: C.Tests: no test results", problems[1], StringComparison.Ordinal);
        Assert.Equal("4 passed, 2 failed\n", await File.ReadAllTextAsync(results.Combine("summary.txt")));
    }

    [Fact]
    public async Task User_error_exits_1_with_one_line_and_a_GitHub_annotation_on_Actions()
    {
        using var work = new TempDirectory("cli");
        using var summary = new TempDirectory("summary");
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summary.Combine("summary.md")
        };

        var (exitCode, output, error) = await CliProcess.RunDevToolsAsync(work.Path, environment, "test-report", work.Combine("missing"));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            $"error PD0010: no test results in '{work.Combine("missing")}' — run the tests first: ./build.sh --target=Test",
            error.Trim());
        Assert.StartsWith("::error title=PD0010::no test results", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_exits_non_zero_and_lists_the_verbs()
    {
        var (exitCode, output, error) = await CliProcess.RunDevToolsAsync(TestPaths.RepositoryRoot, null, "no-such-verb");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("test-report", output, StringComparison.Ordinal);
        Assert.Contains("no-such-verb", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_option_is_one_PD0005_line_with_exit_1_and_an_annotation_on_Actions()
    {
        var (exitCode, output, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--bogus");
        var (actionsExit, actionsOutput, _) = await CliProcess.RunCliAsync(
            TestPaths.RepositoryRoot, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }, "validate", "--bogus");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "error PD0005: unknown option '--bogus' for validate — run provisioning-dist validate --help to see the options",
            error.Trim());
        Assert.Equal(string.Empty, output);
        Assert.Equal(1, actionsExit);
        Assert.Equal(
            "::error title=PD0005::unknown option '--bogus' for validate — run provisioning-dist validate --help to see the options",
            actionsOutput.Trim());
    }

    [Theory]
    [InlineData(
        "new-bundle --core 4.0.0 --platform 3.0.0 --workspace 2.0.0",
        "error PD0005: new-bundle: option '--bundle' is required — run provisioning-dist new-bundle --help to see the options")]
    [InlineData(
        "validate --format xml",
        "error PD0005: validate: argument 'xml' not recognized; must be one of: 'text' "
            + "'json' — run provisioning-dist validate --help to see the options")]
    [InlineData(
        "validate extra",
        "error PD0005: unexpected argument 'extra' for validate — run "
            + "provisioning-dist validate --help to see the arguments and options")]
    [InlineData("toml", "error PD0005: toml needs a command — use one of: decode (provisioning-dist toml --help describes them)")]
    [InlineData(
        "toml encode",
        "error PD0005: unknown command 'encode' for toml — use one of: decode (provisioning-dist toml --help describes them)")]
    public async Task Every_command_line_mistake_is_a_PD0005_line_with_exit_1(string arguments, string expected)
    {
        // toml decode is a development tool (provisioning-dist-dev); the other verbs are the product's.
        var words = arguments.Split(' ');
        var (exitCode, _, error) = words[0] == "toml"
            ? await CliProcess.RunDevToolsAsync(TestPaths.RepositoryRoot, null, words)
            : await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, words);

        Assert.Equal(1, exitCode);
        Assert.Equal(expected, error.Trim());
    }

    [Fact]
    public async Task Unknown_verb_is_one_PD0005_line_naming_the_verbs()
    {
        var (exitCode, _, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "no-such-verb");

        Assert.Equal(1, exitCode);
        Assert.StartsWith(
            "error PD0005: unknown command 'no-such-verb' — use one of: assemble-bundle, create-bundle, fetch, ",
            error.Trim(),
            StringComparison.Ordinal);
        Assert.Contains(", test-bundle, ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        var (exitCode, output, error) = await CliProcess.RunCliAsync(TestPaths.RepositoryRoot, null, "validate", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("--versions", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Secrets_from_the_environment_never_appear_in_output()
    {
        const string token = "ghp_supersecrettokenvalue1234567890";
        using var work = new TempDirectory("mask");
        var missing = work.Combine(token);

        var (_, output, error) = await CliProcess.RunDevToolsAsync(
            work.Path, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = token }, "test-report", missing);

        Assert.DoesNotContain(token, output + error, StringComparison.Ordinal);
        Assert.Contains("***", error, StringComparison.Ordinal);
    }

    private static string Trx(int passed, int failed, int skipped) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="Completed">
            <Counters total="{passed + failed + skipped}" passed="{passed}" failed="{failed}" notExecuted="{skipped}" />
          </ResultSummary>
        </TestRun>
        """;
}
