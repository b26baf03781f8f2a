using System.Collections.Immutable;
using System.Text;
using Distribution.Core.Rendering;

namespace Distribution.Core.Installing;

/// <summary>Renders smoke results as the result table and the GitHub step summary of the bundle tests.</summary>
public static class SmokeReport
{
    public static TextTable Table(string title, ImmutableArray<SmokeResult> results) =>
        TextTable.Create(
            title,
            ["component", "expected", "check", "seen", "result"],
            results.Select(
                result => new[] { result.Check.Component, result.Check.ExpectedVersion, result.Check.Describe(), result.Seen, result.Passed
                ? "ok"
                : "FAILED" }));

    public static string Summary(string title, ImmutableArray<SmokeResult> results)
    {
        var text = new StringBuilder();
        text.Append(Table(title, results).ToMarkdown());
        var failed = results.Count(result => !result.Passed);
        text.Append('\n')
            .Append(failed == 0 ? $"{results.Length} check(s) passed" : $"{failed} of {results.Length} check(s) FAILED")
            .Append('\n');
        return text.ToString();
    }
}
