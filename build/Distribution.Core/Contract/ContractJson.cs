using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Contract;

/// <summary>
/// Small helpers shared by the JSON files of the contract (bundle.json,
/// shard.json, index.json): strict reading with diagnostics, and literal writing.
/// </summary>
internal static class ContractJson
{
    private static readonly JsonWriterOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Quote(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            writer.WriteStringValue(value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Date(DateOnly? date) =>
        date is { } value ? Quote(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "null";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Kind(BundleKind kind) => kind switch
    {
        BundleKind.Stable => "stable",
        BundleKind.Lts => "lts",
        _ => "custom",
    };

    public static JsonDocument Parse(string text, string file, string code)
    {
        try
        {
            return JsonDocument.Parse(
                text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            var line = (int)(exception.LineNumber ?? -1) + 1;
            var column = (int)(exception.BytePositionInLine ?? -1) + 1;
            throw UserErrorException.At(
                new SourceLocation(file, line, column),
                code,
                $"not valid JSON: {FirstSentence(exception.Message)}",
                "fix the file or write it again with the tool that made it");
        }
    }

    public static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string file, string code, string where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw Error(file, code, $"{where} has no \"{name}\"");
        }

        if (value.ValueKind != kind && !(kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False))
        {
            throw Error(file, code, $"{where}.{name} is {Describe(value.ValueKind)}, expected {Describe(kind)}");
        }

        return value;
    }

    public static string String(JsonElement element, string name, string file, string code, string where) =>
        Property(element, name, JsonValueKind.String, file, code, where).GetString()!;

    public static long Integer(JsonElement element, string name, string file, string code, string where)
    {
        var value = Property(element, name, JsonValueKind.Number, file, code, where);
        return value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw Error(file, code, $"{where}.{name} is not a non-negative integer");
    }

    public static DateOnly? OptionalDate(JsonElement element, string name, string file, string code, string where)
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = String(element, name, file, code, where);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Error(file, code, $"{where}.{name} is '{text}', not a YYYY-MM-DD date");
    }

    public static BundleKind ParseKind(string text, string file, string code, string where) => text switch
    {
        "stable" => BundleKind.Stable,
        "lts" => BundleKind.Lts,
        "custom" => BundleKind.Custom,
        _ => throw Error(file, code, $"{where}.kind is '{text}'; expected stable, lts or custom"),
    };

    public static string Sha256(JsonElement element, string name, string file, string code, string where)
    {
        var text = String(element, name, file, code, where);
        return IsSha256(text) ? text : throw Error(file, code, $"{where}.{name} is not 64 lower-case hex digits");
    }

    public static bool IsSha256(string text) =>
        text.Length == 64 && text.All(character => character is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>True when a relative path is safe to join below a folder: no root, no <c>..</c>, no backslash, no empty part.</summary>
    public static bool IsSafeRelativePath(string path) =>
        path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(part => part.Length > 0 && part != "." && part != "..");

    public static UserErrorException Error(string file, string code, string message) =>
        UserErrorException.At(SourceLocation.InFile(file), code, message, "fix the file or write it again with the tool that made it");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
