using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Packaging;

/// <summary>
/// bundle.json (docs/formats.md): the bundle, its components with tag/commit/tree and runtime dependencies, and every
/// artifact with size and SHA-256. <see cref="Render"/> writes the exact layout the installers read with sed/awk (one record per line,
/// keys in the documented order); <see cref="Parse"/> reads it back (assemble-bundle merges shard manifests).
/// </summary>
public sealed record BundleManifest(BundleSpec Bundle, ImmutableArray<ManifestComponent> Components, ImmutableArray<ArtifactRecord> Artifacts)
{
    public const int Schema = 1;

    public bool Equals(BundleManifest? other) =>
        other is not null && Bundle.Equals(other.Bundle) && Components.SequenceEqual(other.Components) && Artifacts.SequenceEqual(other.Artifacts);

    public override int GetHashCode() => HashCode.Combine(Bundle, Components.Length, Artifacts.Length);

    /// <summary>The same manifest with other artifacts (sorted by name).</summary>
    public BundleManifest WithArtifacts(IEnumerable<ArtifactRecord> artifacts) =>
        this with { Artifacts = [.. artifacts.OrderBy(artifact => artifact.Name, StringComparer.Ordinal)] };

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append("  \"schema\": ").Append(Schema.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        text.Append("  \"bundle\": ").Append(Quote(Bundle.Id)).Append(",\n");
        text.Append("  \"name\": ").Append(Quote(Bundle.DisplayName)).Append(",\n");
        text.Append("  \"kind\": ").Append(Quote(KindName(Bundle.Kind))).Append(",\n");
        text.Append("  \"releaseDate\": ").Append(Date(Bundle.ReleaseDate)).Append(",\n");
        text.Append("  \"ltsUntil\": ").Append(Date(Bundle.LtsUntil)).Append(",\n");
        var components = Components.OrderBy(component => component.Component).Select(component =>
            $"{{\"id\":{Quote(component.Component.Id)},\"version\":{Quote(component.Version.ToNormalizedString())},\"tag\":{Quote(component.Tag)},\"commit\":{Quote(component.Commit)},\"tree\":{Quote(component.Tree)},\"runtimeDependencies\":{{{string.Join(",", component.RuntimeDependencies.Select(pair => $"{Quote(pair.Key)}:{Quote(pair.Value)}"))}}}}}");
        AppendArray(text, "components", components, last: false);
        var artifacts = Artifacts.OrderBy(artifact => artifact.Name, StringComparer.Ordinal).Select(artifact =>
            $"{{\"component\":{Quote(artifact.Component.Id)},\"version\":{Quote(artifact.Version.ToNormalizedString())},\"target\":{Quote(artifact.Target)},\"name\":{Quote(artifact.Name)},\"size\":{artifact.Size.ToString(CultureInfo.InvariantCulture)},\"sha256\":{Quote(artifact.Sha256)}}}");
        AppendArray(text, "artifacts", artifacts, last: true);
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Reads a manifest written by <see cref="Render"/> (any JSON layout is accepted); throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static BundleManifest Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var schema = root.GetProperty("schema").GetInt32();
            if (schema != Schema)
            {
                throw new FormatException($"schema {schema} is not supported (this tool reads schema {Schema})");
            }

            var components = root.GetProperty("components").EnumerateArray().Select(item => new ManifestComponent(
                Component(item.GetProperty("id").GetString()),
                NuGetVersion.Parse(item.GetProperty("version").GetString()!),
                item.GetProperty("tag").GetString()!,
                item.GetProperty("commit").GetString()!,
                item.GetProperty("tree").GetString()!)
            {
                RuntimeDependencies = Dependencies(item),
            }).ToImmutableArray();
            var artifacts = root.GetProperty("artifacts").EnumerateArray().Select(item => new ArtifactRecord(
                Component(item.GetProperty("component").GetString()),
                NuGetVersion.Parse(item.GetProperty("version").GetString()!),
                item.GetProperty("target").GetString()!,
                item.GetProperty("name").GetString()!,
                item.GetProperty("size").GetInt64(),
                item.GetProperty("sha256").GetString()!)).ToImmutableArray();
            var bundle = new BundleSpec(
                root.GetProperty("bundle").GetString()!,
                root.GetProperty("name").GetString()!,
                ParseKind(root.GetProperty("kind").GetString()),
                ParseDate(root.GetProperty("releaseDate")),
                ParseDate(root.GetProperty("ltsUntil")),
                [.. components.Select(component => new BundleComponent(component.Component, component.Version))]);
            return new BundleManifest(bundle, components, artifacts);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"not a bundle manifest: {exception.Message}", exception);
        }
    }

    // Absent in manifests written before runtime dependencies were carried: none.
    private static ImmutableSortedDictionary<string, string> Dependencies(JsonElement component) =>
        component.TryGetProperty("runtimeDependencies", out var dependencies)
            ? dependencies.EnumerateObject().ToImmutableSortedDictionary(property => property.Name, property => property.Value.GetString() ?? throw new FormatException($"runtime dependency '{property.Name}' has no requirement"), StringComparer.Ordinal)
            : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public static string KindName(BundleKind kind) => kind switch
    {
        BundleKind.Lts => "lts",
        BundleKind.Custom => "custom",
        _ => "stable",
    };

    private static BundleKind ParseKind(string? kind) => kind switch
    {
        "stable" => BundleKind.Stable,
        "lts" => BundleKind.Lts,
        "custom" => BundleKind.Custom,
        _ => throw new FormatException($"kind '{kind}' is not stable, lts or custom"),
    };

    private static ComponentId Component(string? id) =>
        ComponentId.TryParse(id ?? string.Empty) ?? throw new FormatException($"'{id}' is not a component id");

    private static DateOnly? ParseDate(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(element.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AppendArray(StringBuilder text, string name, IEnumerable<string> lines, bool last)
    {
        var items = lines.ToList();
        text.Append("  ").Append(Quote(name)).Append(": [");
        if (items.Count > 0)
        {
            text.Append('\n').Append(string.Join(",\n", items.Select(item => "    " + item))).Append("\n  ");
        }

        text.Append(']').Append(last ? "\n" : ",\n");
    }

    private static string Date(DateOnly? date) =>
        date is { } value ? Quote(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "null";

    private static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        return text.Append('"').ToString();
    }
}
