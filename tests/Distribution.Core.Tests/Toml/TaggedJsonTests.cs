using System.Globalization;
using System.Text.Json;
using Distribution.Core.Toml;
using Distribution.DevTools.Toml;
using Distribution.Testing;

namespace Distribution.Core.Tests.Toml;

public sealed class TaggedJsonTests
{
    public static TheoryData<string> ValidCases => TomlSuite.Rows("valid");

    [SkipUnlessTheory(Folder = TomlSuite.Folder)]
    [MemberData(nameof(ValidCases))]
    public void Encoded_json_matches_the_suite_json_for_every_valid_file(string name)
    {
        var path = TomlSuite.FullPath(name);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".json")));

        using var actual = JsonDocument.Parse(TomlTaggedJson.Encode(TomlParser.Parse(File.ReadAllBytes(path), name)));

        AssertSame(expected.RootElement, actual.RootElement, "$");
    }

    [Fact]
    public void Scalars_use_the_toml_test_spellings()
    {
        var document = TomlParser.Parse(
            "a = -inf\nb = nan\nc = 1979-05-27T07:32:00.5+01:00\nd = 07:32:00\ne = 0xff\nf = \"\\u00e9\\\"\"\n", "s.toml");

        Assert.Equal(
            """{"a":{"type":"float","value":"-inf"},"b":{"type":"float","value":"nan"},"c":"""
            + """{"type":"datetime","value":"1979-05-27T07:32:00.5+01:00"},"d":{"type":"time-local","value":"07:32:00"},"e":"""
            + """{"type":"integer","value":"255"},"f":{"type":"string","value":"é\""}}""",
            TomlTaggedJson.Encode(document));
    }

    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: lengths differ");
            var index = 0;
            foreach (var item in expected.EnumerateArray())
            {
                AssertSame(item, actual[index], $"{path}[{index}]");
                index++;
            }

            return;
        }

        var names = expected.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, actual.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal));
        var scalar = names.SequenceEqual(["type", "value"])
            && expected.GetProperty("type").ValueKind == JsonValueKind.String
            && expected.GetProperty("value").ValueKind == JsonValueKind.String;
        if (!scalar)
        {
            foreach (var property in expected.EnumerateObject())
            {
                AssertSame(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
            }

            return;
        }

        var type = expected.GetProperty("type").GetString();
        var want = expected.GetProperty("value").GetString()!;
        var got = actual.GetProperty("value").GetString()!;
        Assert.Equal(type, actual.GetProperty("type").GetString());
        var same = type switch
        {
            "float" => Float(want).Equals(Float(got)),
            "datetime" => DateTimeOffset.Parse(Truncate(want), CultureInfo.InvariantCulture) is var w
                && DateTimeOffset.Parse(got, CultureInfo.InvariantCulture) is var g
                && w.UtcTicks == g.UtcTicks
                && w.Offset == g.Offset,
            "datetime-local" => DateTime.Parse(
                Truncate(want), CultureInfo.InvariantCulture) == DateTime.Parse(got, CultureInfo.InvariantCulture),
            "time-local" => TimeOnly.Parse(
                Truncate(want), CultureInfo.InvariantCulture) == TimeOnly.Parse(got, CultureInfo.InvariantCulture),
            "integer" => long.Parse(want, CultureInfo.InvariantCulture) == long.Parse(got, CultureInfo.InvariantCulture),
            _ => want == got,
        };
        Assert.True(same, $"{path}: expected {type} '{want}', got '{got}'");
    }

    private static double Float(string text) => text switch
    {
        "nan" or "+nan" or "-nan" => double.NaN,
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Truncate(string value) => System.Text.RegularExpressions.Regex.Replace(value, @"(\.\d{1,7})\d*", "$1");
}
