using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Installing;

/// <summary>What the bundle tests need of a bundle.json: its name, component versions and artifacts.</summary>
public sealed record BundleManifest(string Bundle, ImmutableArray<ManifestComponent> Components, ImmutableArray<ManifestArtifact> Artifacts)
{
    /// <summary>Reads bundle.json text; <paramref name="file"/> names it in diagnostics (INS001).</summary>
    public static BundleManifest Parse(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var bundle = root.GetProperty("bundle").GetString() ?? string.Empty;
            var components = root.GetProperty("components").EnumerateArray()
                .Select(element => new ManifestComponent(element.GetProperty("id").GetString()!, element.GetProperty("version").GetString()!))
                .ToImmutableArray();
            var artifacts = root.GetProperty("artifacts").EnumerateArray()
                .Select(element => new ManifestArtifact(
                    element.GetProperty("component").GetString()!,
                    element.GetProperty("version").GetString()!,
                    element.GetProperty("target").GetString()!,
                    element.GetProperty("name").GetString()!,
                    element.GetProperty("size").GetInt64(),
                    element.GetProperty("sha256").GetString()!))
                .ToImmutableArray();
            return new BundleManifest(bundle, components, artifacts);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw UserErrorException.At(SourceLocation.InFile(file), DiagnosticCodes.Installing.BadManifest, $"not a bundle.json of schema 1: {exception.Message}", "rebuild the bundle with ./build.sh --target=CreateBundle");
        }
    }

    /// <summary>The version bundle.json gives for a component, or null when the bundle does not hold it.</summary>
    public string? VersionOf(string component) =>
        Components.FirstOrDefault(candidate => candidate.Id == component)?.Version
        ?? Artifacts.FirstOrDefault(candidate => candidate.Component == component)?.Version;

    /// <summary>The components an installer on <paramref name="hostTarget"/> installs, in bundle order.</summary>
    public ImmutableArray<string> ComponentsFor(string hostTarget) =>
        [.. Artifacts.Where(artifact => artifact.AppliesTo(hostTarget)).Select(artifact => artifact.Component).Distinct()
            .OrderBy(id => Rank(id)).ThenBy(id => id, StringComparer.Ordinal)];

    private static int Rank(string id) => id switch
    {
        "core" => 0,
        "platform" => 1,
        "workspace" => 2,
        _ => 3,
    };
}
