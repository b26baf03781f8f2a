using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Distribution.Core.Contract;

/// <summary>
/// A bundle's software bill of materials, CycloneDX 1.6 JSON (<c>bundle.cdx.json</c>, docs/publishing.md, "SBOM"): the
/// bundle as the described application; every component with its version, repository (a <c>vcs</c> reference),
/// tag, commit (<c>pedigree.commits</c>) and tree; every artifact as a file of its component with its SHA-256 and
/// target; the runtime dependencies between components. A pure function of bundle.json and the repositories, so a
/// republish writes the same bytes.
/// </summary>
public static class BundleSbom
{
    /// <summary>The file name beside bundle.json in the registry, and the release asset's name.</summary>
    public const string FileName = "bundle.cdx.json";

    /// <param name="manifest">The bundle.</param>
    /// <param name="repositories">
    /// Each component id's repository (from versions.toml), where known; <c>extensions</c> for every extension.
    /// </param>
    public static string Render(BundleManifest manifest, IReadOnlyDictionary<string, string> repositories)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(repositories);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", "1.6");
            json.WriteString("serialNumber", SerialNumber(manifest.Render()));
            json.WriteNumber("version", 1);
            json.WriteStartObject("metadata");
            if (manifest.ReleaseDate is { } date)
            {
                json.WriteString("timestamp", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z");
            }

            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("name", "provisioning-dist");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("component");
            json.WriteString("type", "application");
            json.WriteString("bom-ref", BundleRef(manifest));
            json.WriteString("name", "provisioning");
            json.WriteString("version", manifest.Id);
            json.WriteString("description", manifest.Name);
            json.WriteEndObject();
            json.WriteEndObject();

            // Looked up once, not once per component: a bundle of n components has about 4n artifacts.
            var artifacts = manifest.Artifacts.ToLookup(artifact => artifact.Component);
            var byId = ComponentsById(manifest);
            json.WriteStartArray("components");
            foreach (var component in manifest.Components.OrderBy(component => component.Component))
            {
                var repository = repositories.GetValueOrDefault(component.Component.Id)
                    ?? (component.Component.Kind == Model.ComponentKind.Extension ? repositories.GetValueOrDefault("extensions") : null);
                WriteComponent(json, component, artifacts[component.Component], repository);
            }

            json.WriteEndArray();
            json.WriteStartArray("dependencies");
            json.WriteStartObject();
            json.WriteString("ref", BundleRef(manifest));
            json.WriteStartArray("dependsOn");
            foreach (var component in manifest.Components.OrderBy(component => component.Component))
            {
                json.WriteStringValue(Ref(component));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var component in manifest.Components.OrderBy(component => component.Component))
            {
                json.WriteStartObject();
                json.WriteString("ref", Ref(component));
                json.WriteStartArray("dependsOn");
                foreach (var dependency in component.RuntimeDependencies.Keys)
                {
                    if (byId.GetValueOrDefault(dependency) is { } target)
                    {
                        json.WriteStringValue(Ref(target));
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>
    /// Whether <paramref name="sbom"/> is exactly what <see cref="Render"/> gives for <paramref name="manifest"/> with
    /// the repositories it names: an SBOM of another bundle.json, or one edited by hand, is not.
    /// </summary>
    public static bool Describes(string sbom, BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(sbom);
        ArgumentNullException.ThrowIfNull(manifest);
        var repositories = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(sbom);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("components", out var components)
                && components.ValueKind == JsonValueKind.Array)
            {
                foreach (var component in components.EnumerateArray())
                {
                    if (component.ValueKind == JsonValueKind.Object
                        && component.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                        && component.TryGetProperty("externalReferences", out var references)
                        && references.ValueKind == JsonValueKind.Array && references.GetArrayLength() == 1
                        && references[0].ValueKind == JsonValueKind.Object
                        && references[0].TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String)
                    {
                        repositories[name.GetString()!] = url.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return string.Equals(sbom, Render(manifest, repositories), StringComparison.Ordinal);
    }

    /// <summary>
    /// The manifest's components by id, the first of each id as a scan in manifest order would find it: what a
    /// dependency's <c>dependsOn</c> entry names.
    /// </summary>
    public static ImmutableDictionary<string, ManifestComponent> ComponentsById(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Components
            .DistinctBy(component => component.Component.Id, StringComparer.Ordinal)
            .ToImmutableDictionary(component => component.Component.Id, StringComparer.Ordinal);
    }

    private static void WriteComponent(
        Utf8JsonWriter json, ManifestComponent component, IEnumerable<ArtifactRecord> artifacts, string? repository)
    {
        json.WriteStartObject();
        var type = component.Component.Kind is Model.ComponentKind.Core or Model.ComponentKind.Platform ? "application" : "library";
        json.WriteString("type", type);
        json.WriteString("bom-ref", Ref(component));
        json.WriteString("name", component.Component.Id);
        json.WriteString("version", component.Version.ToNormalizedString());
        if (repository is not null)
        {
            json.WriteStartArray("externalReferences");
            json.WriteStartObject();
            json.WriteString("type", "vcs");
            json.WriteString("url", repository);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("pedigree");
        json.WriteStartArray("commits");
        json.WriteStartObject();
        json.WriteString("uid", component.Commit);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("properties");
        Property(json, "provisioning:tag", component.Tag);
        Property(json, "provisioning:commit", component.Commit);
        Property(json, "provisioning:tree", component.Tree);
        foreach (var (dependency, requirement) in component.RuntimeDependencies)
        {
            Property(json, $"provisioning:requires:{dependency}", requirement);
        }

        json.WriteEndArray();
        json.WriteStartArray("components");
        foreach (var artifact in artifacts)
        {
            json.WriteStartObject();
            json.WriteString("type", "file");
            json.WriteString("bom-ref", "file:" + artifact.Name);
            json.WriteString("name", artifact.Name);
            json.WriteString("version", artifact.Version.ToNormalizedString());
            json.WriteStartArray("hashes");
            json.WriteStartObject();
            json.WriteString("alg", "SHA-256");
            json.WriteString("content", artifact.Sha256);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("properties");
            Property(json, "provisioning:target", artifact.Target);
            Property(json, "provisioning:size", artifact.Size.ToString(CultureInfo.InvariantCulture));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    private static string BundleRef(BundleManifest manifest) => "bundle:" + manifest.Id;

    private static string Ref(ManifestComponent component) => $"{component.Component.Id}@{component.Version.ToNormalizedString()}";

    /// <summary>A UUID (version 5 layout) derived from bundle.json, so the same bundle always has the same serial number.</summary>
    private static string SerialNumber(string manifest)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(manifest))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
