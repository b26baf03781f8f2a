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
        Assert.Contains(
            "the growth curve on 20, 80, 320 components of 300 KB each (fetch, cold and warm create-bundle, assemble, publish)",
            output,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("work")));
        Assert.False(File.Exists(work.Combine("benchmark.json")));
    }

    [Fact]
    public async Task Out_of_range_options_are_refused_all_at_once()
    {
        using var work = new TempDirectory("bench");

        var (exitCode, _, error) = await CliProcess.RunDevToolsAsync(
            work.Path,
            null,
            "benchmark",
            "--dry-run",
            "--runs",
            "0",
            "--components",
            "3",
            "--payload-mb",
            "1",
            "--work",
            work.Combine("work"));

        Assert.Equal(1, exitCode);
        Assert.Contains("error BENCH004: --runs 0 is out of range — give 1 to 100 runs", error, StringComparison.Ordinal);
        Assert.Contains("error BENCH004: --components 3 is out of range", error, StringComparison.Ordinal);
        Assert.Contains("error BENCH004: --payload-mb 1 is out of range — give 2 to 4000 MB", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Growth_counts_out_of_range_or_alone_are_refused_and_none_measures_no_curve()
    {
        using var work = new TempDirectory("bench");

        var bad = await CliProcess.RunDevToolsAsync(
            work.Path, null, "benchmark", "--dry-run", "--growth", "20,2,x", "--growth-payload-kb", "10", "--work", work.Combine("work"));
        var alone = await CliProcess.RunDevToolsAsync(
            work.Path, null, "benchmark", "--dry-run", "--growth", "80", "--work", work.Combine("work"));
        var none = await CliProcess.RunDevToolsAsync(
            work.Path, null, "benchmark", "--dry-run", "--growth", "none", "--work", work.Combine("work"));

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains(
            "error BENCH004: --growth has '2', which is not a component count from 4 to 1000", bad.Error, StringComparison.Ordinal);
        Assert.Contains("error BENCH004: --growth has 'x', which is not a component count", bad.Error, StringComparison.Ordinal);
        Assert.Contains("error BENCH004: --growth-payload-kb 10 is out of range", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("error BENCH004: --growth has one count (80); a curve needs two or more", alone.Error, StringComparison.Ordinal);
        Assert.True(none.ExitCode == 0, none.Error + none.Output);
        Assert.DoesNotContain("growth curve", none.Output, StringComparison.Ordinal);
    }
}
