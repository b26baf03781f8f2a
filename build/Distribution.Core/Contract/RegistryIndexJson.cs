using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Contract;

/// <summary>
/// Writes and reads <c>index.json</c> exactly as docs/formats.md lays it out: keys in order, one channel, bundle,
/// component version or file per line (the shell installer reads it with sed/awk), <c>\n</c> line endings.
/// </summary>
public static class RegistryIndexJson
{
    public const string DiagnosticCode = DiagnosticCodes.Publishing.BadIndex;

    public static string Render(RegistryIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append("  \"schema\": ").Append(RegistryIndex.Schema).Append(",\n");
        text.Append("  \"serial\": ").Append(ContractJson.Number(index.Serial)).Append(",\n");
        if (index.Expires is { } expires)
        {
            text.Append("  \"expires\": ").Append(ContractJson.Quote(FormatExpiry(expires))).Append(",\n");
        }

        AppendBlock(text, "channels", '{', '}', index.Channels.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{ContractJson.Quote(pair.Key)}: {ContractJson.Quote(pair.Value)}"));
        text.Append(",\n");
        AppendBlock(text, "bundles", '[', ']', SortBundles(index.Bundles).Select(bundle =>
            $"{{\"id\":{ContractJson.Quote(bundle.Id)},\"kind\":{ContractJson.Quote(ContractJson.Kind(bundle.Kind))},"
                + $"\"releaseDate\":{ContractJson.Date(bundle.ReleaseDate)},\"manifest\":{ContractJson.Quote(bundle.Manifest)}"
                + $",\"size\":{ContractJson.Number(bundle.Size)},\"sha256\":{ContractJson.Quote(bundle.Sha256)}}}"));
        text.Append(",\n");
        AppendBlock(text, "components", '[', ']', SortComponents(index.Components).Select(component =>
            $"{{\"id\":{ContractJson.Quote(component.Id)},\"version\":{ContractJson.Quote(component.Version)},"
            + (component.Requires.IsEmpty ? string.Empty : ComponentRequirements.RenderMembers(component.Requires) + ",")
            + $"\"files\":[{string.Join(',', component.Files.Order(StringComparer.Ordinal).Select(ContractJson.Quote))}]}}"));
        text.Append(",\n");
        AppendBlock(text, "files", '[', ']', SortFiles(index.Files).Select(file =>
            $"{{\"path\":{ContractJson.Quote(file.Path)},\"size\":{ContractJson.Number(file.Size)}"
                + $",\"sha256\":{ContractJson.Quote(file.Sha256)}}}"));
        text.Append('\n');
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Reads an index; <paramref name="file"/> names it in diagnostics (code PUB006).</summary>
    public static RegistryIndex Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string code = DiagnosticCode;
        using var document = ContractJson.Parse(text, file, code);
        var root = document.RootElement;
        var schema = ContractJson.Integer(root, "schema", file, code, "index");
        if (schema != RegistryIndex.Schema)
        {
            throw UserErrorException.At(
                SourceLocation.InFile(file),
                code,
                $"index schema {schema} is not supported (this tool reads schema {RegistryIndex.Schema})",
                "publish with the version of provisioning-dist that wrote this registry");
        }

        var serial = ContractJson.Integer(root, "serial", file, code, "index");
        DateTimeOffset? expires = null;
        if (root.TryGetProperty("expires", out var expiresElement))
        {
            const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            expires = expiresElement.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParseExact(expiresElement.GetString(), ExpiryFormat, CultureInfo.InvariantCulture, utc, out var parsed)
                ? parsed
                : throw ContractJson.Error(file, code, $"index.expires is not a UTC time like 2027-01-31T00:00:00Z");
        }

        var channels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var channel in ContractJson.Property(root, "channels", JsonValueKind.Object, file, code, "index").EnumerateObject())
        {
            if (channel.Value.ValueKind != JsonValueKind.String)
            {
                throw ContractJson.Error(file, code, $"index.channels.{channel.Name} is not a string");
            }

            channels[channel.Name] = channel.Value.GetString()!;
        }

        var bundles = ContractJson.Property(root, "bundles", JsonValueKind.Array, file, code, "index").EnumerateArray()
            .Select((bundle, position) =>
            {
                var where = $"index.bundles[{position}]";
                return new RegistryBundle(
                    ContractJson.String(bundle, "id", file, code, where),
                    ContractJson.ParseKind(ContractJson.String(bundle, "kind", file, code, where), file, code, where),
                    ContractJson.OptionalDate(bundle, "releaseDate", file, code, where),
                    ContractJson.String(bundle, "manifest", file, code, where),
                    ContractJson.Integer(bundle, "size", file, code, where),
                    ContractJson.Sha256(bundle, "sha256", file, code, where));
            }).ToImmutableArray();
        var components = ContractJson.Property(root, "components", JsonValueKind.Array, file, code, "index").EnumerateArray()
            .Select((component, position) =>
            {
                var where = $"index.components[{position}]";
                var files = ContractJson.Property(component, "files", JsonValueKind.Array, file, code, where).EnumerateArray()
                    .Select(item => item.ValueKind == JsonValueKind.String
                        ? item.GetString()!
                        : throw ContractJson.Error(file, code, $"{where}.files holds a non-string"))
                    .ToImmutableArray();
                return new RegistryComponent(
                    ContractJson.String(component, "id", file, code, where),
                    ContractJson.String(component, "version", file, code, where),
                    files)
                {
                    Requires = ComponentRequirements.Read(component, file, code, where),
                };
            }).ToImmutableArray();
        var files = ContractJson.Property(root, "files", JsonValueKind.Array, file, code, "index").EnumerateArray()
            .Select((item, position) =>
            {
                var where = $"index.files[{position}]";
                var path = ContractJson.String(item, "path", file, code, where);
                return ContractJson.IsSafeRelativePath(path)
                    ? new RegistryFile(
                        path, ContractJson.Integer(item, "size", file, code, where), ContractJson.Sha256(item, "sha256", file, code, where))
                    : throw ContractJson.Error(file, code, $"{where}.path '{path}' is not a relative path inside the registry");
            }).ToImmutableArray();
        return new RegistryIndex(serial, channels.ToImmutable(), bundles, components, files) { Expires = expires };
    }

    /// <summary>How <c>expires</c> is written: UTC to the second, <c>2027-01-31T00:00:00Z</c> (installers compare it as text).</summary>
    public const string ExpiryFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string FormatExpiry(DateTimeOffset expires) =>
        expires.ToUniversalTime().ToString(ExpiryFormat, CultureInfo.InvariantCulture);

    internal static IEnumerable<RegistryBundle> SortBundles(IEnumerable<RegistryBundle> bundles) =>
        bundles.OrderBy(bundle => bundle.Id, StringComparer.Ordinal);

    internal static IEnumerable<RegistryFile> SortFiles(IEnumerable<RegistryFile> files) =>
        files.OrderBy(file => file.Path, StringComparer.Ordinal);

    internal static IEnumerable<RegistryComponent> SortComponents(IEnumerable<RegistryComponent> components) =>
        components
            .OrderBy(component => ComponentId.TryParse(component.Id) ?? ComponentId.Extension(component.Id))
            .ThenBy(component => NuGetVersion.TryParse(component.Version, out var version) ? version : new NuGetVersion(0, 0, 0))
            .ThenBy(component => component.Version, StringComparer.Ordinal);

    private static void AppendBlock(StringBuilder text, string name, char open, char close, IEnumerable<string> lines)
    {
        var items = lines.ToList();
        text.Append("  ").Append(ContractJson.Quote(name)).Append(": ").Append(open);
        if (items.Count == 0)
        {
            text.Append(close);
            return;
        }

        text.Append('\n');
        for (var position = 0; position < items.Count; position++)
        {
            text.Append("    ").Append(items[position]).Append(position + 1 < items.Count ? ",\n" : "\n");
        }

        text.Append("  ").Append(close);
    }
}
