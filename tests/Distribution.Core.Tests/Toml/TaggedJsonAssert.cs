using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Distribution.Core.Toml;
using Distribution.DevTools.Toml;

namespace Distribution.Core.Tests.Toml;

/// <summary>
/// Compares a parsed document with toml-test's expected tagged JSON, independently of our own encoder:
/// floats numerically, date-times as instants with their offset (both sides truncated to 100 ns).
/// </summary>
internal static partial class TaggedJsonAssert
{
    public static void Equal(JsonElement expected, TomlValue actual, string path = "$")
    {
        switch (actual)
        {
            case TomlTable table:
                Assert.True(expected.ValueKind == JsonValueKind.Object, $"{path}: expected {expected.ValueKind}, got a table");
                var names = expected.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();
                Assert.True(
                    names.SequenceEqual(table.Keys.Order(StringComparer.Ordinal)),
                    $"{path}: keys differ: expected [{string.Join(", ", names)}], got [{string.Join(", ", table.Keys)}]");
                foreach (var property in expected.EnumerateObject())
                {
                    Equal(property.Value, table[property.Name]!, $"{path}.{property.Name}");
                }

                break;
            case TomlArray array:
                Assert.True(expected.ValueKind == JsonValueKind.Array, $"{path}: expected {expected.ValueKind}, got an array");
                Assert.True(
                    expected.GetArrayLength() == array.Count, $"{path}: expected {expected.GetArrayLength()} items, got {array.Count}");
                var index = 0;
                foreach (var item in expected.EnumerateArray())
                {
                    Equal(item, array[index], $"{path}[{index}]");
                    index++;
                }

                break;
            default:
                Assert.True(expected.ValueKind == JsonValueKind.Object, $"{path}: expected {expected.ValueKind}, got a {actual.TypeName}");
                var type = expected.GetProperty("type").GetString();
                var text = expected.GetProperty("value").GetString()!;
                Assert.True(type == actual.TypeName, $"{path}: expected type {type}, got {actual.TypeName}");
                Assert.True(ScalarEquals(text, actual), $"{path}: expected {type} '{text}', got {Describe(actual)}");
                break;
        }
    }

    private static bool ScalarEquals(string expected, TomlValue actual) => actual switch
    {
        TomlString s => s.Value == expected,
        TomlInteger i => long.Parse(expected, CultureInfo.InvariantCulture) == i.Value,
        TomlFloat f => FloatEquals(expected, f.Value),
        TomlBoolean b => bool.Parse(expected) == b.Value,
        TomlOffsetDateTime odt => DateTimeOffset.Parse(Truncate(expected), CultureInfo.InvariantCulture, DateTimeStyles.None) is var e
            && e.UtcTicks == odt.Value.UtcTicks
            && e.Offset == odt.Value.Offset,
        TomlLocalDateTime ldt => DateTime.Parse(Truncate(expected), CultureInfo.InvariantCulture, DateTimeStyles.None) == ldt.Value,
        TomlLocalDate ld => DateOnly.ParseExact(expected, "yyyy-MM-dd", CultureInfo.InvariantCulture) == ld.Value,
        TomlLocalTime lt => TimeOnly.Parse(Truncate(expected), CultureInfo.InvariantCulture) == lt.Value,
        _ => false,
    };

    private static bool FloatEquals(string expected, double actual) => expected switch
    {
        "nan" or "+nan" or "-nan" => double.IsNaN(actual),
        "inf" or "+inf" => double.IsPositiveInfinity(actual),
        "-inf" => double.IsNegativeInfinity(actual),
        _ => double.Parse(expected, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(actual),
    };

    private static string Truncate(string value) => Fraction().Replace(value, "$1");

    private static string Describe(TomlValue value) => value switch
    {
        TomlString s => $"'{s.Value}'",
        _ => $"{value.TypeName} '{TomlTaggedJson.ScalarText(value)}'",
    };

    [GeneratedRegex(@"(\.\d{1,7})\d*")]
    private static partial Regex Fraction();
}
