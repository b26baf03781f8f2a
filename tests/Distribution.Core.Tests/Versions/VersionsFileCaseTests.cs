using System.Text;
using Distribution.Core.Diagnostics;
using Distribution.Core.Versions;
using Distribution.Testing;

namespace Distribution.Core.Tests.Versions;

/// <summary>
/// The suite of broken versions.toml files in <c>Cases/</c>: each holds one mistake (many-mistakes.toml several),
/// and ends with <c># expect: CODE LINE:COL</c> comments naming every diagnostic it must produce — no more, no less.
/// </summary>
public sealed class VersionsFileCaseTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static string CasesFolder => Path.Combine(TestPaths.RepositoryRoot, "tests", "Distribution.Core.Tests", "Versions", "Cases");

    public static TheoryData<string> Cases() => [.. CaseNames()];

    private static IEnumerable<string> CaseNames() =>
        Directory.EnumerateFiles(CasesFolder, "*.toml")
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_reports_exactly_the_expected_codes_at_their_positions(string name)
    {
        var text = File.ReadAllText(Path.Combine(CasesFolder, name + ".toml"));
        var expected = text.Split('\n')
            .Where(line => line.StartsWith("# expect: ", StringComparison.Ordinal))
            .Select(line => line["# expect: ".Length..].Trim())
            .ToList();

        var result = VersionsChecker.Check(text, "versions.toml", Today);

        var actual = result.Diagnostics.Select(item => $"{item.Code} {item.Location.Line}:{item.Location.Column}").ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"expected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", result.Diagnostics)}");
        Assert.All(
            result.Diagnostics,
            item => Assert.StartsWith($"versions.toml({item.Location.Line},", item.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_case_says_what_is_wrong_and_how_to_fix_it()
    {
        var text = new StringBuilder();
        foreach (var name in CaseNames())
        {
            var result = VersionsChecker.Check(File.ReadAllText(Path.Combine(CasesFolder, name + ".toml")), "versions.toml", Today);
            text.Append("## ").Append(name).Append('\n');
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.NotEqual(string.Empty, diagnostic.Fix);
                text.Append(DiagnosticFormatter.Format(diagnostic)).Append('\n');
            }

            text.Append(VersionsChecker.Summary(result, "versions.toml")).Append("\n\n");
        }

        Snapshot.Match(text.ToString());
    }

    [Fact]
    public void Shipped_versions_toml_validates_with_no_warning()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml");

        var result = VersionsChecker.Check(File.ReadAllText(path), "version-management/versions.toml", Today);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["stable-3.1", "lts-3.1", "stable-3.2"], result.Document.Bundles.Select(bundle => bundle.Id));
        Assert.Equal("stable-3.2", result.Document.DefaultBundle?.Id);
        Assert.Equal(["azure", "mongodb", "redis"], result.Document.ExtensionNames.ToArray());
        Assert.Equal(
            "mongodb/v1.2.0",
            result.Document.SourceFor(Distribution.Core.Model.ComponentKind.Extension)!.TagFor(
                Distribution.Core.Model.ComponentId.Extension("mongodb"), NuGet.Versioning.NuGetVersion.Parse("1.2.0")));
    }

    [Fact]
    public void Bytes_of_the_shipped_file_check_as_its_text_does_with_or_without_a_BOM()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "version-management", "versions.toml"));

        var plain = VersionsChecker.Check(bytes, "versions.toml", Today);
        var withBom = VersionsChecker.Check([0xEF, 0xBB, 0xBF, .. bytes], "versions.toml", Today);

        Assert.Empty(plain.Diagnostics);
        Assert.Equal(plain, withBom);
        Assert.Equal(VersionsChecker.Check(Encoding.UTF8.GetString(bytes), "versions.toml", Today), plain);
    }

    [Fact]
    public void Invalid_utf8_bytes_are_one_TOML002_diagnostic_at_their_place()
    {
        byte[] bytes = [.. "# caf"u8, 0xFF, 0xFE, .. "\n[bundles]\n"u8];

        var result = VersionsChecker.Check(bytes, "versions.toml", Today);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            "versions.toml(1,6): error TOML002: invalid UTF-8 at byte 5 (0xFF): TOML files must be UTF-8 — save the file as UTF-8",
            diagnostic.ToString());
        Assert.Empty(result.Document.Bundles);
    }
}
