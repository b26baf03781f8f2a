using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Tests.Toml;

public sealed class TomlParserTests
{
    private const string File = "versions.toml";

    [Fact]
    public void Keys_values_and_tables_keep_their_line_column_and_span()
    {
        var document = TomlParser.Parse("""
            title = "matrix"

            [bundles."stable-3.2"]
              core = "3.2.1"
            ports = [ 1, 2 ]
            """, File);

        var bundles = (TomlTable)document["bundles"]!;
        Assert.True(document.TryGetEntry("title", out var title));
        Assert.Equal(new SourceLocation(File, 1, 1, 5), title.KeyLocation);
        Assert.Equal(new SourceLocation(File, 1, 9, 8), title.Value.Location);
        Assert.Equal(TomlTableKind.Implicit, bundles.Kind);
        var stable = (TomlTable)bundles["stable-3.2"]!;
        Assert.Equal(TomlTableKind.Header, stable.Kind);
        Assert.Equal(new SourceLocation(File, 3, 1, 22), stable.Location);
        Assert.True(stable.TryGetEntry("core", out var core));
        Assert.Equal(new SourceLocation(File, 4, 3, 4), core.KeyLocation);
        Assert.Equal(new SourceLocation(File, 4, 10, 7), core.Value.Location);
        Assert.Equal(new SourceLocation(File, 5, 9, 8), stable["ports"]!.Location);
        Assert.Equal(new SourceLocation(File, 5, 11, 1), ((TomlArray)stable["ports"]!)[0].Location);
        Assert.Same(stable, document.Find("bundles", "stable-3.2"));
    }

    [Fact]
    public void Columns_count_code_points_so_characters_outside_the_BMP_count_once()
    {
        var document = TomlParser.ParseTolerant("emoji = \"😀😀\"\n\"😀\" = 1 ; x = 1", File);

        Assert.Equal(new SourceLocation(File, 1, 9, 4), document.Document["emoji"]!.Location);
        var error = Assert.Single(document.Diagnostics);
        Assert.Equal(new SourceLocation(File, 2, 9, 1), error.Location);
    }

    [Fact]
    public void Dotted_keys_and_inline_tables_are_located_where_they_were_created()
    {
        var document = TomlParser.Parse("a.b.c = 1\npoint = { x = 1, y = { z = 2 } }\n", File);

        var a = (TomlTable)document["a"]!;
        Assert.Equal(TomlTableKind.Dotted, a.Kind);
        Assert.Equal(new SourceLocation(File, 1, 1, 1), a.Location);
        Assert.Equal(new SourceLocation(File, 1, 3, 1), a["b"]!.Location);
        var point = (TomlTable)document["point"]!;
        Assert.Equal(TomlTableKind.Inline, point.Kind);
        Assert.Equal(new SourceLocation(File, 2, 9, 24), point.Location);
        Assert.Equal(new SourceLocation(File, 2, 22, 9), point["y"]!.Location);
    }

    [Fact]
    public void Crlf_files_read_like_lf_files_with_the_same_positions()
    {
        var lf = TomlParser.Parse("a = 1\n[t]\nb = \"\"\"\nx\ny\"\"\"\n", File);
        var crlf = TomlParser.Parse("a = 1\r\n[t]\r\nb = \"\"\"\r\nx\r\ny\"\"\"\r\n", File);

        Assert.Equal(lf, crlf);
        Assert.Equal("x\ny", ((TomlString)crlf.Find("t", "b")!).Value);
        Assert.Equal(lf.Find("t")!.Location, crlf.Find("t")!.Location);
    }

    [Fact]
    public void Strict_parse_throws_one_exception_naming_the_place_and_both_definitions()
    {
        var exception = Assert.Throws<TomlException>(() => TomlParser.Parse("[tools]\nnu = \"0.1\"\n\n[tools]\n", File));

        Assert.Equal(
            "versions.toml(4,2): error TOML004: 'tools' is already a table defined at (1,1); "
                + "a table can be defined only once — merge the two definitions into one",
            exception.Message);
        Assert.Equal(new SourceLocation(File, 4, 2, 5), exception.Location);
    }

    [Theory]
    [InlineData("a = \n", "versions.toml(1,5): error TOML001: expected a value, found the end of the line — write a value after '='")]
    [InlineData(
        "a = hello\n",
        "versions.toml(1,5): error TOML006: invalid number: 'hello' is not a value "
            + "— strings are quoted, numbers start with a digit, sign, inf or nan")]
    [InlineData(
        "a = 1\na = 2\n", "versions.toml(2,1): error TOML003: duplicate key 'a': already defined at (1,1) — remove one of the two")]
    [InlineData(
        "a = \"x\\qy\"\n",
        "versions.toml(1,7): error TOML005: invalid escape sequence '\\q' — the escapes are "
            + "\\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX; write a backslash as \\\\")]
    [InlineData(
        "a = 9223372036854775808\n",
        "versions.toml(1,5): error TOML006: invalid number: integer out of the 64-bit range "
            + "(-9223372036854775808 to 9223372036854775807) — use a float or a string for larger numbers")]
    [InlineData(
        "d = 2021-02-29\n",
        "versions.toml(1,5): error TOML007: invalid date-time: day 29 does not exist in 2021-02 — "
            + "write dates as 1979-05-27, times as 07:32:00, date-times as 1979-05-27T07:32:00Z")]
    [InlineData(
        "t = { a = 1,\n b = 2 }\n",
        "versions.toml(1,13): error TOML001: expected a key in the inline table, found the end of the "
            + "line — an inline table must be on one line (TOML 1.0); use a [table] section for more")]
    [InlineData(
        "a = 1 2\n",
        "versions.toml(1,7): error TOML001: expected the end of the line after a value, "
            + "found '2' — put each key/value pair and header on a line of its own")]
    [InlineData(
        "s = \"open\n",
        "versions.toml(1,5): error TOML005: unterminated string: a one-line string cannot hold a line "
            + "break — close the string with '\"' on this line, or use \"\"\"multi-line strings\"\"\"")]
    [InlineData(
        "t = {}\nt.x = 1\n",
        "versions.toml(2,1): error TOML004: cannot add 't.x' with a dotted key: 't' is already "
            + "an inline table defined at (1,5) — put the key in that table's own section")]
    public void Messages_say_what_was_expected_and_what_was_found(string text, string message)
    {
        var exception = Assert.Throws<TomlException>(() => TomlParser.Parse(text, File));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Tolerant_parse_reports_every_error_and_keeps_what_it_could_read()
    {
        var result = TomlParser.ParseTolerant("""
            a = 1
            b = = 2
            c = [1, 2,
              oops, 3]
            d = "ok"
            [t]
            a = 1
            a = 2
            [t]
            e = 5
            """, File);

        Assert.Equal(
            [
                "versions.toml(2,5): error TOML001",
                "versions.toml(4,3): error TOML006",
                "versions.toml(8,1): error TOML003",
                "versions.toml(9,2): error TOML004",
            ],
            result.Diagnostics.Select(diagnostic => $"{diagnostic.Location}: error {diagnostic.Code}"));
        Assert.Equal(TomlParser.Parse("a = 1\nd = \"ok\"\n[t]\na = 1\n", File), result.Document);
    }

    [Fact]
    public void An_error_inside_a_multi_line_string_skips_the_rest_of_the_string()
    {
        var result = TomlParser.ParseTolerant(
            "s = \"\"\"\nbad \\q escape\n[not a table]\n = \"\"\"\nafter = 1\nt = '''\n\u0001'''\nlast = 2\n", File);

        Assert.Equal(
            ["versions.toml(2,5): error TOML005", "versions.toml(7,1): error TOML008"],
            result.Diagnostics.Select(diagnostic => $"{diagnostic.Location}: error {diagnostic.Code}"));
        Assert.Equal(TomlParser.Parse("after = 1\nlast = 2", File), result.Document);
    }

    [Fact]
    public void Tolerant_parse_stops_after_a_hundred_errors()
    {
        var result = TomlParser.ParseTolerant(string.Concat(Enumerable.Repeat("= 1\n", 500)), File);

        Assert.Equal(101, result.Diagnostics.Length);
        Assert.Equal(DiagnosticCodes.Toml.TooManyErrors, result.Diagnostics[^1].Code);
    }

    [Fact]
    public void Four_date_time_kinds_stay_distinct_types_and_fractions_beyond_100ns_are_truncated()
    {
        var document = TomlParser.Parse("""
            odt = 1979-05-27T00:32:00.999999999-07:00
            ldt = 1979-05-27 07:32:00
            ld = 1979-05-27
            lt = 07:32:00.1234567891
            """, File);

        Assert.Equal(
            new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)).AddTicks(9_999_999),
            ((TomlOffsetDateTime)document["odt"]!).Value);
        Assert.Equal(new DateTime(1979, 5, 27, 7, 32, 0, DateTimeKind.Unspecified), ((TomlLocalDateTime)document["ldt"]!).Value);
        Assert.Equal(new DateOnly(1979, 5, 27), ((TomlLocalDate)document["ld"]!).Value);
        Assert.Equal(new TimeOnly(7, 32, 0).Add(TimeSpan.FromTicks(1_234_567)), ((TomlLocalTime)document["lt"]!).Value);
    }

    [Fact]
    public void Integer_bounds_are_the_64_bit_bounds()
    {
        var document = TomlParser.Parse("min = -9_223_372_036_854_775_808\nmax = 0x7FFFFFFFFFFFFFFF\n", File);

        Assert.Equal(long.MinValue, ((TomlInteger)document["min"]!).Value);
        Assert.Equal(long.MaxValue, ((TomlInteger)document["max"]!).Value);
        Assert.Throws<TomlException>(() => TomlParser.Parse("x = 0x8000000000000000", File));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_its_line_and_column()
    {
        byte[] bytes = [.. "a = 1\nb = \""u8, 0xC3, 0x28, .. "\"\n"u8];

        var exception = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes, File));

        Assert.Equal(DiagnosticCodes.Toml.Encoding, exception.Diagnostic.Code);
        Assert.Equal(new SourceLocation(File, 2, 6, 1), exception.Location);
        Assert.Single(TomlParser.ParseTolerant(bytes, File).Diagnostics);
    }

    [Fact]
    public void A_byte_order_mark_is_allowed_once_at_the_start()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a = 1\n"u8];

        Assert.Equal(1, ((TomlInteger)TomlParser.Parse(bytes, File)["a"]!).Value);
        Assert.Throws<TomlException>(() => TomlParser.Parse([0xEF, 0xBB, 0xBF, .. bytes], File));
    }

    [Theory]
    [InlineData("a = ", "[", "]")]
    [InlineData("a = ", "{ b = ", "}")]
    [InlineData("a = ", "[{ b = ", "}]")]
    public void Ten_thousand_deep_nesting_is_rejected_without_exhausting_the_stack(string prefix, string open, string close)
    {
        var text = prefix
            + string.Concat(Enumerable.Repeat(open, 10_000))
            + "1"
            + string.Concat(Enumerable.Repeat(close, 10_000))
            + "\nafter = 1\n";

        var exception = Assert.Throws<TomlException>(() => TomlParser.Parse(text, File));
        var result = TomlParser.ParseTolerant(text, File);

        Assert.Equal(DiagnosticCodes.Toml.TooDeep, exception.Diagnostic.Code);
        Assert.Equal(exception.Diagnostic, Assert.Single(result.Diagnostics));
        Assert.Equal(1, ((TomlInteger)result.Document["after"]!).Value);
    }

    [Fact]
    public void Ten_thousand_part_keys_and_headers_are_rejected_without_exhausting_the_stack()
    {
        var path = string.Join('.', Enumerable.Repeat("k", 10_000));

        Assert.Equal(
            DiagnosticCodes.Toml.TooDeep, Assert.Throws<TomlException>(() => TomlParser.Parse(path + " = 1", File)).Diagnostic.Code);
        Assert.Equal(
            DiagnosticCodes.Toml.TooDeep, Assert.Throws<TomlException>(() => TomlParser.Parse("[" + path + "]", File)).Diagnostic.Code);
        Assert.Equal(
            DiagnosticCodes.Toml.TooDeep, Assert.Throws<TomlException>(() => TomlParser.Parse("[[" + path + "]]", File)).Diagnostic.Code);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = TomlReader.MaxDepth - 1;
        var text = "a = " + new string('[', depth) + new string(']', depth);

        var value = TomlParser.Parse(text, File)["a"]!;
        for (var level = 1; level < depth; level++)
        {
            value = Assert.Single(((TomlArray)value).Items);
        }

        Assert.Empty(((TomlArray)value).Items);
    }
}
