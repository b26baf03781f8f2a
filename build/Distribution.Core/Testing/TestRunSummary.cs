using System.Globalization;
using System.Xml.Linq;

namespace Distribution.Core.Testing;

/// <summary>Counts of a test run, read from VSTest .trx files, and the closing line CI reads: <c>N passed, N failed[, N skipped]</c>.</summary>
public sealed record TestRunSummary(int Passed, int Failed, int Skipped, System.Collections.Immutable.ImmutableArray<string> FailedTests)
{
    public static TestRunSummary Empty { get; } = new(0, 0, 0, []);

    public int Total => Passed + Failed + Skipped;

    /// <summary>Reads one .trx document (the XML text).</summary>
    public static TestRunSummary FromTrx(string xml)
    {
        var document = XDocument.Parse(xml);
        XNamespace ns = document.Root?.Name.Namespace ?? XNamespace.None;
        var counters = document.Descendants(ns + "Counters").FirstOrDefault();
        if (counters is null)
        {
            return Empty;
        }

        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", CultureInfo.InvariantCulture);

        // VSTest writes skipped tests as results with outcome NotExecuted, but leaves the notExecuted counter at 0:
        // what was not executed is total - executed.
        var skipped = counters.Attribute("executed") is null ? Count("notExecuted") : Math.Max(Count("notExecuted"), Count("total") - Count("executed"));
        var failedTests = document.Descendants(ns + "UnitTestResult")
            .Where(result => (string?)result.Attribute("outcome") == "Failed")
            .Select(result => (string?)result.Attribute("testName") ?? "?")
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new TestRunSummary(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"), skipped, [.. failedTests]);
    }

    public TestRunSummary Add(TestRunSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Passed + other.Passed, Failed + other.Failed, Skipped + other.Skipped, FailedTests.AddRange(other.FailedTests));
    }

    public string ClosingLine() =>
        Skipped > 0
            ? $"{Passed} passed, {Failed} failed, {Skipped} skipped"
            : $"{Passed} passed, {Failed} failed";
}
