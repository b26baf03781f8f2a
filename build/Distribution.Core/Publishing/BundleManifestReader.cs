using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Core.Diagnostics;
using NuGet.Versioning;

namespace Distribution.Core.Publishing;

/// <summary>Reads what publishing needs from a bundle's <c>bundle.json</c> (docs/formats.md); errors are PUB001.</summary>
public static class BundleManifestReader
{
    public const string DiagnosticCode = DiagnosticCodes.Publishing.BadBundleManifest;

    public static BundleDescriptor Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string code = DiagnosticCode;
        using var document = PublishJson.Parse(text, file, code);
        var root = document.RootElement;
        var schema = PublishJson.Integer(root, "schema", file, code, "bundle");
        if (schema != 1)
        {
            throw PublishJson.Error(file, code, $"bundle.json schema {schema} is not supported (this tool reads schema 1)");
        }

        var id = PublishJson.String(root, "bundle", file, code, "bundle");
        if (!PublishJson.IsSafeRelativePath(id) || id.Contains('/', StringComparison.Ordinal))
        {
            throw PublishJson.Error(file, code, $"bundle id '{id}' cannot name a folder");
        }

        var name = PublishJson.String(root, "name", file, code, "bundle");
        var kind = PublishJson.ParseKind(PublishJson.String(root, "kind", file, code, "bundle"), file, code, "bundle");
        var releaseDate = PublishJson.OptionalDate(root, "releaseDate", file, code, "bundle");
        var artifacts = PublishJson.Property(root, "artifacts", JsonValueKind.Array, file, code, "bundle").EnumerateArray()
            .Select((artifact, position) =>
            {
                var where = $"bundle.artifacts[{position}]";
                var record = new BundleArtifactRecord(
                    PublishJson.String(artifact, "component", file, code, where),
                    PublishJson.String(artifact, "version", file, code, where),
                    PublishJson.String(artifact, "target", file, code, where),
                    PublishJson.String(artifact, "name", file, code, where),
                    PublishJson.Integer(artifact, "size", file, code, where),
                    PublishJson.Sha256(artifact, "sha256", file, code, where));
                if (!PublishJson.IsSafeRelativePath(record.Name) || record.Name.Contains('/', StringComparison.Ordinal))
                {
                    throw PublishJson.Error(file, code, $"{where}.name '{record.Name}' is not a plain file name");
                }

                if (!PublishJson.IsSafeRelativePath(record.Component) || record.Component.Contains('/', StringComparison.Ordinal)
                    || !NuGetVersion.TryParse(record.Version, out _) || record.Version.Contains('/', StringComparison.Ordinal))
                {
                    throw PublishJson.Error(file, code, $"{where} has component '{record.Component}' and version '{record.Version}'; expected a component id and a SemVer version");
                }

                return record;
            })
            .OrderBy(artifact => artifact.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        var duplicate = artifacts.GroupBy(artifact => artifact.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw PublishJson.Error(file, code, $"artifact '{duplicate.Key}' is listed {duplicate.Count()} times");
        }

        return new BundleDescriptor(id, name, kind, releaseDate, artifacts);
    }
}
