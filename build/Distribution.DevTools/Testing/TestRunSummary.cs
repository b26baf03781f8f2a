using System.Collections.Immutable;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Distribution.Core.Diagnostics;

namespace Distribution.DevTools.Testing;

/// <summary>
/// Counts of a test run, read from VSTest .trx files, and the closing line CI reads: <c>N passed, N failed[, N skipped]</c>.
/// A test project whose run did not complete (the test host crashed, hung or was aborted) or left no results file
/// counts as one failure, with a diagnostic in <see cref="Problems"/> saying which project and why.
/// </summary>
public sealed record TestRunSummary(
    int Passed, int Failed, int Skipped, ImmutableArray<string> FailedTests, ImmutableArray<Diagnostic> Problems)
{
    /// <summary>The code of a test project whose run did not complete.</summary>
    public const string IncompleteCode = DiagnosticCodes.Tool.TestRunIncomplete;

    /// <summary>The code of a test project that left no results file.</summary>
    public const string MissingCode = DiagnosticCodes.Tool.TestResultsMissing;

    public TestRunSummary(int passed, int failed, int skipped, ImmutableArray<string> failedTests)
        : this(passed, failed, skipped, failedTests, [])
    {
    }

    public static TestRunSummary Empty { get; } = new(0, 0, 0, [], []);

    public int Total => Passed + Failed + Skipped;

    /// <summary>Reads one .trx document (the XML text) of an unnamed run.</summary>
    public static TestRunSummary FromTrx(string xml) => FromTrx(xml, "the test run");

    /// <summary>
    /// Reads one .trx document (the XML text) of the test project <paramref name="run"/>. A run whose
    /// <c>ResultSummary</c> outcome is not <c>Completed</c> or <c>Failed</c>, that carries an error from the test
    /// platform (a crashed or hung test host), that is <c>Failed</c> with no failed test, or whose file cannot be
    /// read adds one failure and a <see cref="IncompleteCode"/> problem.
    /// </summary>
    public static TestRunSummary FromTrx(string xml, string run)
    {
        ArgumentNullException.ThrowIfNull(run);
        XDocument document;
        try
        {
            document = XDocument.Parse(xml);
        }
        catch (XmlException exception)
        {
            return Incomplete(run, $"its results file is not a complete .trx document ({exception.Message})");
        }

        var ns = document.Root?.Name.Namespace ?? XNamespace.None;
        var resultSummary = document.Descendants(ns + "ResultSummary").FirstOrDefault();
        var counters = resultSummary?.Element(ns + "Counters") ?? document.Descendants(ns + "Counters").FirstOrDefault();
        if (counters is null)
        {
            return Incomplete(run, "its results file has no counters");
        }

        int Count(string name)
            => int.TryParse(counters.Attribute(name)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

        // VSTest writes skipped tests as results with outcome NotExecuted, but leaves the notExecuted counter at 0:
        // what was not executed is total - executed.
        var skipped = counters.Attribute("executed") is null
            ? Count("notExecuted")
            : Math.Max(Count("notExecuted"), Count("total") - Count("executed"));
        var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        var failedTests = document.Descendants(ns + "UnitTestResult")
            .Where(result => (string?)result.Attribute("outcome") == "Failed")
            .Select(result => (string?)result.Attribute("testName") ?? "?")
            .Order(StringComparer.Ordinal)
            .ToArray();
        var counted = new TestRunSummary(Count("passed"), failed, skipped, [.. failedTests], []);

        // A crashed or hung test host leaves the outcome "Failed" (or worse) with the counters of the tests that ran
        // before it, and says why in an error RunInfo.
        var outcome = (string?)resultSummary?.Attribute("outcome") ?? "(none)";
        // xUnit's console line for a failed test ("… [FAIL]") is also an error RunInfo: that failure is counted already.
        var error = resultSummary?.Descendants(ns + "RunInfo")
            .Where(info => (string?)info.Attribute("outcome") == "Error")
            .Select(info => info.Element(ns + "Text")?.Value)
            .FirstOrDefault(text => text is not null && !text.TrimEnd().EndsWith("[FAIL]", StringComparison.Ordinal));
        var reason = error is not null
            ? FirstLine(error)
            : outcome switch
            {
                "Completed" or "Passed" => null,
                "Failed" when failed > 0 => null,
                "Failed" => "the run failed with no failed test",
                _ => $"its outcome is '{outcome}'",
            };
        return reason is null ? counted : counted.Add(Incomplete(run, reason));
    }

    /// <summary>The summary of a test project that was expected to run but left no results file.</summary>
    public static TestRunSummary Missing(string run, string resultsFile) =>
        new(
            0,
            1,
            0,
            [],
            [Diagnostic.Error(
                MissingCode,
                $"{run}: no test results ({resultsFile} was not written), so its tests did not run",
                "see the output of its test run above; it usually means the test project could not be started")]);

    public TestRunSummary Add(TestRunSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Passed + other.Passed,
            Failed + other.Failed,
            Skipped + other.Skipped,
            FailedTests.AddRange(other.FailedTests),
            Problems.AddRange(other.Problems));
    }

    public string ClosingLine() =>
        Skipped > 0
            ? $"{Passed} passed, {Failed} failed, {Skipped} skipped"
            : $"{Passed} passed, {Failed} failed";

    private static TestRunSummary Incomplete(string run, string reason) =>
        new(
            0,
            1,
            0,
            [],
            [Diagnostic.Error(
                IncompleteCode,
                $"{run}: the test run did not complete: {reason}",
                "a test crashed or hung the test host; see the output of its run above (a hang "
                    + "leaves a dump in artifacts/test-results); this counts as one failure")]);

    private static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOfAny(['\r', '\n']);
        return (end < 0 ? trimmed : trimmed[..end]).TrimEnd().TrimEnd('.');
    }
}
