using Distribution.DevTools.Testing;

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

    [Fact]
    public void A_failed_test_is_counted_once_though_xunit_also_reports_it_as_an_error_line()
    {
        const string trx = """
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="af1a4844-761e-472a-8755-8b237cf7681f" name="@vm" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult testName="A.Passes" outcome="Passed" />
                <UnitTestResult testName="A.Fails" outcome="Failed" />
              </Results>
              <ResultSummary outcome="Failed">
                <Counters total="2" executed="2" passed="1" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
                <RunInfos>
                  <RunInfo computerName="vm" outcome="Error" timestamp="2026-12-01T08:30:57.1142436+00:00">
                    <Text>[xUnit.net 00:01:15.84]     A.Fails [FAIL]</Text>
                  </RunInfo>
                </RunInfos>
              </ResultSummary>
            </TestRun>
            """;

        var summary = TestRunSummary.FromTrx(trx);

        Assert.Equal("1 passed, 1 failed", summary.ClosingLine());
        Assert.Empty(summary.Problems);
    }

    // What VSTest wrote (abridged) when a test called Environment.FailFast: outcome Failed, every counter 0.
    private const string CrashedTrx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="af1a4844-761e-472a-8755-8b237cf7681f" name="@vm 2026-12-01 08:00:55" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="Failed">
            <Counters total="0" executed="0" passed="0" failed="0" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
            <Output>
              <StdOut>[xUnit.net 00:00:00.10]   Starting:    Crash.Tests
        Process terminated.
        boom
           at System.Environment.FailFast(System.String)</StdOut>
            </Output>
            <RunInfos>
              <RunInfo computerName="vm" outcome="Error" timestamp="2026-12-01T08:00:54.9837881+00:00">
                <Text>The active test run was aborted. Reason: Test host process crashed : Process terminated.
        boom
           at System.Environment.FailFast(System.String)
           at Crash.Tests.T.Crashes()</Text>
              </RunInfo>
            </RunInfos>
          </ResultSummary>
        </TestRun>
        """;

    // What VSTest wrote (abridged) when --blame-hang-timeout killed a hung test: one test had passed before it.
    private const string HungTrx = """
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="Crash.Tests.T.Passes" outcome="Passed" />
          </Results>
          <ResultSummary outcome="Failed">
            <Counters total="1" executed="1" passed="1" failed="0" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
            <RunInfos>
              <RunInfo computerName="vm" outcome="Error" timestamp="2026-12-01T08:01:19.3391959+00:00">
                <Text>The active test run was aborted. Reason: Test host process crashed</Text>
              </RunInfo>
              <RunInfo computerName="vm" outcome="Warning" timestamp="2026-12-01T08:01:19.3471007+00:00">
                <Text>Data collector 'Blame' message: The specified inactivity time of 10 seconds has elapsed. Collecting hang dumps from testhost and its child processes.</Text>
              </RunInfo>
            </RunInfos>
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void A_crashed_test_host_counts_as_one_failure_named_with_the_reason()
    {
        var summary = TestRunSummary.FromTrx(CrashedTrx, "Crash.Tests");

        Assert.Equal("0 passed, 1 failed", summary.ClosingLine());
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(
            "error PD0011: Crash.Tests: the test run did not complete: The active test run "
                + "was aborted. Reason: Test host process crashed : Process terminated — "
            + "a test crashed or hung the test host; see the output of its run above (a hang "
                + "leaves a dump in artifacts/test-results); this counts as one failure",
            problem.ToString());
    }

    [Fact]
    public void A_hung_run_killed_by_blame_counts_its_passed_tests_and_one_failure()
    {
        var summary = TestRunSummary.Empty.Add(new TestRunSummary(5, 0, 0, [])).Add(TestRunSummary.FromTrx(HungTrx, "Crash.Tests"));

        Assert.Equal("6 passed, 1 failed", summary.ClosingLine());
        Assert.Equal(TestRunSummary.IncompleteCode, Assert.Single(summary.Problems).Code);
    }

    [Theory]
    [InlineData("Aborted")]
    [InlineData("Error")]
    [InlineData("Timeout")]
    [InlineData("InProgress")]
    public void A_run_whose_outcome_is_not_completed_is_a_failure(string outcome)
    {
        var trx = $"""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="{outcome}">
                <Counters total="3" executed="3" passed="3" failed="0" />
              </ResultSummary>
            </TestRun>
            """;

        var summary = TestRunSummary.FromTrx(trx, "A.Tests");

        Assert.Equal("3 passed, 1 failed", summary.ClosingLine());
        Assert.Contains($"its outcome is '{outcome}'", Assert.Single(summary.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_results_file_is_a_failure_not_an_exception()
    {
        var summary = TestRunSummary.FromTrx(CrashedTrx[..200], "Crash.Tests");

        Assert.Equal("0 passed, 1 failed", summary.ClosingLine());
        Assert.Equal(TestRunSummary.IncompleteCode, Assert.Single(summary.Problems).Code);
    }

    [Fact]
    public void A_completed_run_and_an_ordinary_failing_run_have_no_problem()
    {
        var completed = TestRunSummary.FromTrx("""
            <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Completed">
                <Counters total="0" executed="0" passed="0" failed="0" />
                <RunInfos>
                  <RunInfo computerName="vm" outcome="Warning"><Text>No test matches the given testcase filter `X` in A.Tests.dll</Text></RunInfo>
                </RunInfos>
              </ResultSummary>
            </TestRun>
            """, "A.Tests");

        Assert.Empty(completed.Problems);
        Assert.Empty(TestRunSummary.FromTrx(Trx, "A.Tests").Problems);
        Assert.Equal("3 passed, 1 failed, 1 skipped", TestRunSummary.FromTrx(Trx, "A.Tests").ClosingLine());
    }

    [Fact]
    public void An_expected_project_without_results_is_a_failure()
    {
        var summary = new TestRunSummary(7, 0, 0, []).Add(TestRunSummary.Missing("B.Tests", "B.Tests.trx"));

        Assert.Equal("7 passed, 1 failed", summary.ClosingLine());
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(TestRunSummary.MissingCode, problem.Code);
        Assert.StartsWith("B.Tests: no test results (B.Tests.trx was not written)", problem.Message, StringComparison.Ordinal);
    }
}
