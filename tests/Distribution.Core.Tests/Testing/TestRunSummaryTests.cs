using Distribution.Core.Testing;

namespace Distribution.Core.Tests.Testing;

public sealed class TestRunSummaryTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="A.b_fails" outcome="Failed" />
            <UnitTestResult testName="A.c_passes" outcome="Passed" />
          </Results>
          <ResultSummary outcome="Failed">
            <Counters total="5" executed="4" passed="3" failed="1" error="0" timeout="0" aborted="0" notExecuted="1" />
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void Trx_counters_become_the_closing_line_with_skips_when_any()
    {
        var summary = TestRunSummary.FromTrx(Trx);

        Assert.Equal("3 passed, 1 failed, 1 skipped", summary.ClosingLine());
        Assert.Equal(["A.b_fails"], summary.FailedTests.AsEnumerable());
    }

    [Fact]
    public void Skipped_tests_count_as_total_minus_executed_as_VSTest_writes_them()
    {
        const string trx = """
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Completed">
                <Counters total="198" executed="193" passed="193" failed="0" error="0" timeout="0" aborted="0" notExecuted="0" />
              </ResultSummary>
            </TestRun>
            """;

        Assert.Equal("193 passed, 0 failed, 5 skipped", TestRunSummary.FromTrx(trx).ClosingLine());
    }

    [Fact]
    public void Summaries_of_several_runs_add_up_and_leave_out_skips_when_none()
    {
        var total = new TestRunSummary(2, 0, 0, []).Add(new TestRunSummary(5, 0, 0, []));

        Assert.Equal("7 passed, 0 failed", total.ClosingLine());
    }
}
