using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;
using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

public sealed class TomlWriterTests
{
    public static TheoryData<string> ValidCases => TomlSuite.Rows("valid");

    [SkipUnlessTheory(Folder = TomlSuite.Folder)]
    [MemberData(nameof(ValidCases))]
    public void Writing_a_conformance_document_and_reading_it_back_gives_the_same_document(string name)
    {
        var document = TomlParser.Parse(File.ReadAllBytes(TomlSuite.FullPath(name)), name);

        var written = TomlWriter.Write(document);
        var reread = TomlParser.Parse(written, "written.toml");

        Assert.True(document.Equals(reread), $"round trip of {name} differs:\n{written}");
        Assert.Equal(written, TomlWriter.Write(reread));
        Assert.DoesNotContain('\r', written);
    }

    [Fact]
    public void Canonical_output_puts_key_values_first_then_sections_in_document_order()
    {
        var document = TomlParser.Parse("""
            # comments are not kept
            [bundles."stable-3.2"]
            core = "3.2.1"
            extensions = { version = "3.2.0", features = ["kcl", "nu"] }

            [tools]
            nu = '0.99.1'
            pinned.at = 2024-05-01T10:00:00+02:00

            [[bundles."stable-3.2".platforms]]
            os = "linux"
            arch = ["x64", "arm64"]

            [[bundles."stable-3.2".platforms]]
            os = "darwin"

            [empty]
            "4.0.0" = { }
            title = "quote \" backslash \\ tab \t bell \u0007 é 😀"
            numbers = [0x10, 1e-7, -0.0, inf, nan, 1979-05-27, 07:32:00.5, 1979-05-27T07:32:00]
            """, "in.toml");

        Snapshot.Match(TomlWriter.Write(document), "toml");
    }

    [Fact]
    public void Tables_built_in_code_are_written_as_sections_and_inline_tables_stay_inline()
    {
        var document = new TomlTable(
        [
            new TomlEntry("name", new TomlString("provisioning")),
            new TomlEntry("lock", new TomlTable(
            [
                new TomlEntry("core", new TomlTable([new TomlEntry("version", new TomlString("3.2.1"))])),
                new TomlEntry("inline", new TomlTable([new TomlEntry("a", new TomlInteger(1))], SourceLocation.None, TomlTableKind.Inline)),
            ])),
            new TomlEntry("count", new TomlInteger(2)),
        ]);

        Assert.Equal("""
            name = "provisioning"
            count = 2

            [lock]
            inline = { a = 1 }

            [lock.core]
            version = "3.2.1"

            """.ReplaceLineEndings("\n"), TomlWriter.Write(document));
    }

    [Theory]
    [InlineData("stable-4", "stable-4")]
    [InlineData("core_2", "core_2")]
    [InlineData("4.0.0", "\"4.0.0\"")]
    [InlineData("stable-4.0", "\"stable-4.0\"")]
    [InlineData("", "\"\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("é", "\"é\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    public void Keys_are_bare_only_when_every_character_may_be_bare(string key, string expected)
    {
        Assert.Equal(expected, TomlWriter.FormatKey(key));
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_cannot_be_written()
    {
        var document = new TomlTable([new TomlEntry("bad", new TomlString("\uD800"))]);

        var exception = Assert.Throws<TomlException>(() => TomlWriter.Write(document));

        Assert.Equal(DiagnosticCodes.Toml.Unwritable, exception.Diagnostic.Code);
    }

    [Fact]
    public void Floats_always_read_back_as_floats()
    {
        var document = new TomlTable(
            [
                .. new[] { 1.0, -0.0, 1e300, 5e-324, 0.1, double.NaN, double.NegativeInfinity }.Select(
                    (value, index) => new TomlEntry($"f{index}", new TomlFloat(value)))]);

        var reread = TomlParser.Parse(TomlWriter.Write(document), "floats.toml");

        Assert.Equal(document, reread);
        Assert.All(reread.Entries, entry => Assert.IsType<TomlFloat>(entry.Value));
    }

    [Fact]
    public void The_same_instant_with_another_offset_is_another_value_so_a_lost_offset_is_caught()
    {
        var pacific = new TomlOffsetDateTime(new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)));
        var utc = new TomlOffsetDateTime(new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.Zero));

        Assert.Equal(pacific.Value.UtcTicks, utc.Value.UtcTicks);
        Assert.NotEqual<TomlValue>(pacific, utc);
        Assert.NotEqual(
            TomlParser.Parse("a = 1979-05-27T00:32:00-07:00", "a.toml"), TomlParser.Parse("a = 1979-05-27T07:32:00Z", "b.toml"));
        Assert.Equal(TomlParser.Parse("a = 1979-05-27T07:32:00Z", "a.toml"), TomlParser.Parse("a = 1979-05-27 07:32:00+00:00", "b.toml"));
        Assert.Equal(
            pacific,
            TomlParser.Parse(
                TomlWriter.Write(new TomlTable([new TomlEntry("a", pacific)], SourceLocation.None, TomlTableKind.Root)), "w.toml")["a"]);
    }

    [Fact]
    public void Date_times_are_written_in_RFC_3339_with_the_fraction_trimmed()
    {
        Assert.Equal(
            "1979-05-27T00:32:00.999999-07:00",
            TomlWriter.FormatValue(new TomlOffsetDateTime(new DateTimeOffset(
                1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)).AddTicks(9_999_990))));
        Assert.Equal(
            "1979-05-27T07:32:00Z",
            TomlWriter.FormatValue(new TomlOffsetDateTime(new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.Zero))));
        Assert.Equal(
            "1979-05-27T07:32:00+05:30",
            TomlWriter.FormatValue(new TomlOffsetDateTime(new DateTimeOffset(1979, 5, 27, 7, 32, 0, new TimeSpan(5, 30, 0)))));
        Assert.Equal(
            "1979-05-27T07:32:00.5",
            TomlWriter.FormatValue(new TomlLocalDateTime(new DateTime(1979, 5, 27, 7, 32, 0, 500, DateTimeKind.Unspecified))));
        Assert.Equal("0001-01-01", TomlWriter.FormatValue(new TomlLocalDate(new DateOnly(1, 1, 1))));
        Assert.Equal("23:59:59.0000001", TomlWriter.FormatValue(new TomlLocalTime(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(1)))));
    }

    [Fact]
    public void A_lock_file_is_written_in_the_documented_form_under_its_comment()
    {
        static TomlTable Pin(string version, string tag)
            => new([new TomlEntry("version", new TomlString(version)), new TomlEntry("tag", new TomlString(tag))]);
        var document = new TomlTable(
        [
            new TomlEntry("schema", new TomlInteger(1)),
            new TomlEntry(
                "bundles",
                new TomlTable([new TomlEntry(
                    "stable-3.2",
                    new TomlTable([
                        new TomlEntry("core", Pin("3.2.1", "v3.2.1")), new TomlEntry("ext-mongodb", Pin("1.2.0", "mongodb/v1.2.0"))]))])),
        ]);

        var text = TomlWriter.Write(
            document, "Generated by provisioning-dist fetch. Do not edit: run ./build.sh --target=Fetch --update-lock.");

        Assert.Equal("""
            # Generated by provisioning-dist fetch. Do not edit: run ./build.sh --target=Fetch --update-lock.

            schema = 1

            [bundles."stable-3.2".core]
            version = "3.2.1"
            tag = "v3.2.1"

            [bundles."stable-3.2".ext-mongodb]
            version = "1.2.0"
            tag = "mongodb/v1.2.0"

            """.ReplaceLineEndings("\n"), text);
        Assert.Equal(document, TomlParser.Parse(text, "versions.lock"));
    }
}
