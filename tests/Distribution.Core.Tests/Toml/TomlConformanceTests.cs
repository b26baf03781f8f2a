using System.Text.Json;
using Distribution.Core.Toml;
using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

/// <summary>
/// Every TOML 1.0.0 case of the toml-test suite: valid files equal their JSON, invalid ones are rejected with a diagnostic.
/// </summary>
public sealed class TomlConformanceTests
{
    public static TheoryData<string> ValidCases => TomlSuite.Rows("valid");

    public static TheoryData<string> InvalidCases => TomlSuite.Rows("invalid");

    [SkipUnlessTheory(Folder = TomlSuite.Folder)]
    [MemberData(nameof(ValidCases))]
    public void Valid_file_parses_to_the_expected_json(string name)
    {
        var bytes = File.ReadAllBytes(TomlSuite.FullPath(name));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(TomlSuite.FullPath(name), ".json")));

        var document = TomlParser.Parse(bytes, name);

        TaggedJsonAssert.Equal(expected.RootElement, document);
        var tolerant = TomlParser.ParseTolerant(bytes, name);
        Assert.Empty(tolerant.Diagnostics);
        Assert.Equal(document, tolerant.Document);
    }

    [SkipUnlessTheory(Folder = TomlSuite.Folder)]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_file_is_rejected_with_a_positioned_diagnostic(string name)
    {
        var bytes = File.ReadAllBytes(TomlSuite.FullPath(name));

        var exception = Record.Exception(() => TomlParser.Parse(bytes, name));

        var toml = Assert.IsType<TomlException>(exception);
        Assert.StartsWith("TOML", toml.Diagnostic.Code, StringComparison.Ordinal);
        Assert.Equal(name, toml.Location.File);
        Assert.True(toml.Location.HasPosition, toml.Message);
        var tolerant = TomlParser.ParseTolerant(bytes, name);
        Assert.NotEmpty(tolerant.Diagnostics);
        Assert.Equal(toml.Diagnostic, tolerant.Diagnostics[0]);
    }
}
