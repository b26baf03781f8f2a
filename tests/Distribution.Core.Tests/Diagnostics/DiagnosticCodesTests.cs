using System.Reflection;
using System.Text.RegularExpressions;
using Distribution.Core.Diagnostics;
using Distribution.Testing;

namespace Distribution.Core.Tests.Diagnostics;

/// <summary>
/// <see cref="DiagnosticCodes"/> is the one catalogue: docs/diagnostics.md documents exactly its codes, each constant
/// says what it means, and the product's source writes a code only through it.
/// </summary>
public sealed partial class DiagnosticCodesTests
{
    private static readonly string Catalogue =
        Path.Combine(TestPaths.RepositoryRoot, "build", "Distribution.Core", "Diagnostics", "DiagnosticCodes.cs");

    [Fact]
    public void Every_code_is_well_formed_unique_and_in_the_area_of_its_prefix()
    {
        var prefixes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Tool"] = "PD", ["Toml"] = "TOML", ["Versions"] = "VM", ["ReleaseNotes"] = "RN", ["Sources"] = "SRC",
            ["Packaging"] = "PKG", ["Publishing"] = "PUB", ["Installing"] = "INS", ["Benchmark"] = "BENCH",
        };

        var codes = Codes();

        Assert.Equal(codes.Count, codes.Select(code => code.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, code => Assert.Matches(CodePattern(), code.Code));
        Assert.All(codes, code => Assert.Equal(prefixes[code.Area], Prefix(code.Code)));
    }

    [Fact]
    public void Diagnostics_md_documents_every_code_once_and_no_code_the_catalogue_lacks()
    {
        var documented = DocumentedCodes(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics.md")));
        var catalogued = Codes().Select(code => code.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(catalogued.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(catalogued).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_code_the_docs_or_build_cake_name_is_in_the_catalogue()
    {
        var catalogued = Codes().Select(code => code.Code).ToHashSet(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "docs"), "*.md")
            .Append(Path.Combine(TestPaths.RepositoryRoot, "README.md"))
            .Append(Path.Combine(TestPaths.RepositoryRoot, "build", "build.cake"));

        var unknown = files.SelectMany(file => CodeToken().Matches(File.ReadAllText(file))
                .Select(match => match.Value)
                .Where(code => !catalogued.Contains(code))
                .Select(code => $"{Path.GetFileName(file)}: {code}"))
            .Distinct(StringComparer.Ordinal);

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_constant_has_a_one_line_meaning()
    {
        var lines = File.ReadAllLines(Catalogue);
        var undocumented = lines.Select((line, index) => (line, index))
            .Where(item => item.line.TrimStart().StartsWith("public const string ", StringComparison.Ordinal))
            .Where(item => item.index == 0 || !OneLineSummary().IsMatch(lines[item.index - 1]))
            .Select(item => item.line.Trim());

        Assert.Empty(undocumented);
        Assert.Equal(Codes().Count, lines.Count(line => line.TrimStart().StartsWith("public const string ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_product_writes_no_code_in_a_string_outside_the_catalogue()
    {
        var build = Path.Combine(TestPaths.RepositoryRoot, "build");
        var written = Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories)
            .Where(file => Path.GetFullPath(file) != Path.GetFullPath(Catalogue))
            .SelectMany(file => CodesWritten(File.ReadAllText(file))
                .Select(code => $"{Path.GetRelativePath(build, file)}({code.Line}): {code.Code}"));

        Assert.Empty(written);
    }

    [Fact]
    public void A_code_in_any_kind_of_string_is_found_and_one_in_a_comment_or_an_identifier_is_not()
    {
        const string source = """
            // "VM013" in a comment, and /* "PKG002" */ in a block; the installer's "INS020"
            /// <summary>"PUB004" in a doc comment</summary>
            var a = Diagnostic.Error("VM013", "x", "y");
            var b = $"{(ok ? "PD0001" : "RN020")} and {{SRC024}}";
            var c = @"verbatim ""INS030"" here";
            var d = '"'; var e = "after a quote char: BENCH010";
            var f = DiagnosticCodes.Versions.CoreRangeBroken + "TOML002x" + "SRC0241";
            """;

        var found = CodesWritten(source).Select(code => $"{code.Line}:{code.Code}");

        Assert.Equal(["3:VM013", "4:PD0001", "4:RN020", "4:SRC024", "5:INS030", "6:BENCH010"], found);
    }

    private static List<(int Line, string Code)> CodesWritten(string source) =>
        [.. CSharpStringLiterals.In(source)
            .SelectMany(literal => CodeToken().Matches(literal.Text).Select(match => (literal.Line, match.Value)))];

    private static List<(string Area, string Name, string Code)> Codes() =>
        [.. typeof(DiagnosticCodes).GetNestedTypes()
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.IsLiteral)
                .Select(field => (area.Name, field.Name, (string)field.GetRawConstantValue()!)))];

    /// <summary>The code of every table row whose first cell is a code (<c>| VM013 | …</c>).</summary>
    private static List<string> DocumentedCodes(string markdown) =>
        [.. markdown.Split('\n').Select(line => TableRow().Match(line))
            .Where(match => match.Success).Select(match => match.Groups[1].Value)];

    private static string Prefix(string code) => code.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    [GeneratedRegex(@"^(PD\d{4}|(TOML|VM|RN|SRC|PKG|PUB|INS|BENCH)\d{3})$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(PD\d{4}|(TOML|VM|RN|SRC|PKG|PUB|INS|BENCH)\d{3})(?![A-Za-z0-9])")]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"^\|\s*(PD\d{4}|(?:TOML|VM|RN|SRC|PKG|PUB|INS|BENCH)\d{3})\s*\|")]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^\s*/// <summary>[^\n]+</summary>$")]
    private static partial Regex OneLineSummary();
}
