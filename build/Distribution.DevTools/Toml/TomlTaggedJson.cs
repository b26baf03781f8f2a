using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Distribution.Core.Toml;

namespace Distribution.DevTools.Toml;

/// <summary>
/// The toml-test decoder's JSON: tables as objects, arrays as arrays, every scalar as
/// <c>{"type": "integer", "value": "42"}</c> with the toml-test type names and spellings (floats <c>inf</c>,
/// <c>-inf</c>, <c>nan</c>; date-times in RFC 3339).
/// </summary>
public static class TomlTaggedJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
        MaxDepth = 1000,
    };

    /// <summary>The document as tagged JSON (UTF-8 text).</summary>
    public static string Encode(TomlTable document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteValue(writer, document);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The text toml-test uses for a scalar's "value" (integers in decimal,
    /// floats as nan/inf/-inf or round-trip digits, RFC 3339 date-times).
    /// </summary>
    public static string ScalarText(TomlValue value) => value switch
    {
        TomlString s => s.Value,
        TomlInteger i => TomlFormatting.Integer(i.Value),
        TomlFloat f => TomlFormatting.Float(f.Value),
        TomlBoolean b => b.Value ? "true" : "false",
        TomlOffsetDateTime odt => TomlFormatting.OffsetDateTime(odt.Value),
        TomlLocalDateTime ldt => TomlFormatting.LocalDateTime(ldt.Value),
        TomlLocalDate ld => TomlFormatting.Date(ld.Value),
        TomlLocalTime lt => TomlFormatting.Time(lt.Value),
        _ => throw new ArgumentException($"{value?.TypeName} is not a scalar", nameof(value)),
    };

    private static void WriteValue(Utf8JsonWriter writer, TomlValue value)
    {
        switch (value)
        {
            case TomlTable table:
                writer.WriteStartObject();
                foreach (var entry in table.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case TomlArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("type", value.TypeName);
                writer.WriteString("value", ScalarText(value));
                writer.WriteEndObject();
                break;
        }
    }
}
