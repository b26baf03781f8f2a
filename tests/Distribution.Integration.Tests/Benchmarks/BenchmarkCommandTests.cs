using Distribution.Testing;

namespace Distribution.Integration.Tests.Benchmarks;

/// <summary>The benchmark verb's plan and its refusals. No benchmark runs in the test suite: measuring is its own target.</summary>
public sealed class BenchmarkCommandTests
{
    [Fact]
    public async Task Dry_run_says_what_would_be_measured_and_where_and_writes_nothing()
    {
        using var work = new TempDirectory("bench");

        var (exitCode, output, error) = await CliProcess.RunDevToolsAsync(
            work.Path,
            null,
            "benchmark",
            "--dry-run",
            "--runs",
            "3",
            "--work",
            work.Combine("work"),
            "--output",
            work.Combine("benchmark.json"));

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("3 run(s) each", output, StringComparison.Ordinal);
        Assert.Contains("synthetic bundle (20 components × 4 targets, 100 MB)", output, StringComparison.Ordinal);
        Assert.Contains("tar | pigz", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("work")));
        Assert.False(File.Exists(work.Combine("benchmark.json")));
    }

    [Fact]
    public async Task Out_of_range_options_are_refused_all_at_once()
    {
        using var work = new TempDirectory("bench");

        var (exitCode, _, error) = await CliProcess.RunDevToolsAsync(
            work.Path, null, "benchmark", "--dry-run", "--runs", "0", "--components", "3", "--work", work.Combine("work"));

        Assert.Equal(1, exitCode);
        Assert.Contains("error BENCH004: --runs 0 is out of range — give 1 to 100 runs", error, StringComparison.Ordinal);
        Assert.Contains("error BENCH004: --components 3 is out of range", error, StringComparison.Ordinal);
    }
}
