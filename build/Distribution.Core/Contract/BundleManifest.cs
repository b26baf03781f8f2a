using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Contract;

/// <summary>
/// bundle.json (docs/formats.md): the bundle, its components with tag/commit/tree and runtime dependencies, and every
/// artifact with size and SHA-256. <see cref="Render"/> writes the exact layout the installers read with sed/awk (one record per line,
/// keys in the documented order); <see cref="Read"/> is the one reader (assemble-bundle, publish and the bundle tests).
/// </summary>
public sealed record BundleManifest(
    BundleSpec Bundle, ImmutableArray<ManifestComponent> Components, ImmutableArray<ArtifactRecord> Artifacts)
{
    public const int Schema = 1;

    public bool Equals(BundleManifest? other) =>
        other is not null
            && Bundle.Equals(other.Bundle)
            && Components.SequenceEqual(other.Components)
            && Artifacts.SequenceEqual(other.Artifacts);

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
        {
            var dependencies = string.Join(",", component.RuntimeDependencies.Select(pair => $"{Quote(pair.Key)}:{Quote(pair.Value)}"));
            return $"{{\"id\":{Quote(component.Component.Id)},\"version\":{Quote(component.Version.ToNormalizedString())},"
                + $"\"tag\":{Quote(component.Tag)},\"commit\":{Quote(component.Commit)},\"tree\":{Quote(component.Tree)},"
                + $"\"runtimeDependencies\":{{{dependencies}}},"
                + ComponentRequirements.RenderMembers(component.Requires) + "}";
        });
        AppendArray(text, "components", components, last: false);
        var artifacts = Artifacts.OrderBy(artifact => artifact.Name, StringComparer.Ordinal).Select(artifact =>
            $"{{\"component\":{Quote(artifact.Component.Id)},\"version\":{Quote(artifact.Version.ToNormalizedString())},"
                + $"\"target\":{Quote(artifact.Target)},\"name\":{Quote(artifact.Name)},"
                + $"\"size\":{artifact.Size.ToString(CultureInfo.InvariantCulture)},\"sha256\":{Quote(artifact.Sha256)}}}");
        AppendArray(text, "artifacts", artifacts, last: true);
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>What every problem the reader finds starts with.</summary>
    public const string NotAManifest = "not a bundle.json of schema 1";

    /// <summary>The bundle's id (<c>bundle</c>).</summary>
    public string Id => Bundle.Id;

    /// <summary>The bundle's display name (<c>name</c>).</summary>
    public string Name => Bundle.DisplayName;

    public BundleKind Kind => Bundle.Kind;

    public DateOnly? ReleaseDate => Bundle.ReleaseDate;

    /// <summary>The name of the bundle's meta-package: <c>provisioning-bundle-BUNDLE.tar.gz</c>.</summary>
    public string MetaPackageName => BundleFiles.MetaPackage(Bundle.Id);

    /// <summary>The version bundle.json gives for a component id (such as <c>core</c>), or null when the bundle does not hold it.</summary>
    public string? VersionOf(string component) =>
        (Components.FirstOrDefault(candidate => candidate.Component.Id == component)?.Version
         ?? Artifacts.FirstOrDefault(candidate => candidate.Component.Id == component)?.Version)?.ToNormalizedString();

    /// <summary>The component ids an installer on <paramref name="hostTarget"/> installs, in component order.</summary>
    public ImmutableArray<string> ComponentsFor(string hostTarget) =>
        [.. Artifacts.Where(artifact => artifact.AppliesTo(hostTarget))
            .Select(artifact => artifact.Component)
            .Distinct()
            .Order()
            .Select(component => component.Id)];

    /// <summary>
    /// Reads a manifest written by <see cref="Render"/> (any JSON layout is accepted); throws
    /// <see cref="FormatException"/> naming what is wrong, for callers that report it in their own words.
    /// </summary>
    public static BundleManifest Parse(string json)
    {
        try
        {
            return Read(json, BundleFiles.Manifest, "-");
        }
        catch (UserErrorException exception)
        {
            throw new FormatException(exception.Diagnostics[0].Message, exception);
        }
    }

    /// <summary>
    /// The one reader of bundle.json (and of a shard's shard.json): strict about every key the contract has
    /// (docs/formats.md, docs/bundle.schema.json); a problem is one diagnostic with <paramref name="code"/> naming
    /// <paramref name="file"/>, its message starting with <see cref="NotAManifest"/>.
    /// </summary>
    public static BundleManifest Read(string text, string file, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ReadStrictly(text, file, code);
        }
        catch (UserErrorException exception) when (exception.Diagnostics.Length == 1)
        {
            var problem = exception.Diagnostics[0];
            throw new UserErrorException(problem with { Message = $"{NotAManifest}: {problem.Message}", Fix = "write it again "
                + "with the tool that made it (./build.sh --target=CreateBundle)" });
        }
    }

    private static BundleManifest ReadStrictly(string text, string file, string code)
    {
        using var document = ContractJson.Parse(text, file, code);
        var root = document.RootElement;
        var schema = ContractJson.Integer(root, "schema", file, code, "bundle");
        if (schema != Schema)
        {
            throw ContractJson.Error(file, code, $"schema {schema} is not supported (this tool reads schema {Schema})");
        }

        var id = ContractJson.String(root, "bundle", file, code, "bundle");
        if (!ContractJson.IsSafeRelativePath(id) || id.Contains('/', StringComparison.Ordinal))
        {
            throw ContractJson.Error(file, code, $"bundle id '{id}' cannot name a folder");
        }

        var name = ContractJson.String(root, "name", file, code, "bundle");
        var kind = ContractJson.ParseKind(ContractJson.String(root, "kind", file, code, "bundle"), file, code, "bundle");
        var releaseDate = ContractJson.OptionalDate(root, "releaseDate", file, code, "bundle");
        var ltsUntil = ContractJson.OptionalDate(root, "ltsUntil", file, code, "bundle");
        var components = ContractJson.Property(root, "components", JsonValueKind.Array, file, code, "bundle").EnumerateArray()
            .Select((item, position) =>
            {
                var where = $"bundle.components[{position}]";
                return new ManifestComponent(
                    Component(ContractJson.String(item, "id", file, code, where), file, code, where),
                    Version(ContractJson.String(item, "version", file, code, where), file, code, where),
                    ContractJson.String(item, "tag", file, code, where),
                    ContractJson.String(item, "commit", file, code, where),
                    ContractJson.String(item, "tree", file, code, where))
                {
                    RuntimeDependencies = Dependencies(item, file, code, where),
                    Requires = ComponentRequirements.Read(item, file, code, where),
                };
            })
            .ToImmutableArray();
        var artifacts = ContractJson.Property(root, "artifacts", JsonValueKind.Array, file, code, "bundle").EnumerateArray()
            .Select((item, position) =>
            {
                var where = $"bundle.artifacts[{position}]";
                var record = new ArtifactRecord(
                    Component(ContractJson.String(item, "component", file, code, where), file, code, where),
                    Version(ContractJson.String(item, "version", file, code, where), file, code, where),
                    ContractJson.String(item, "target", file, code, where),
                    ContractJson.String(item, "name", file, code, where),
                    ContractJson.Integer(item, "size", file, code, where),
                    ContractJson.Sha256(item, "sha256", file, code, where));
                return ContractJson.IsSafeRelativePath(record.Name) && !record.Name.Contains('/', StringComparison.Ordinal)
                    ? record
                    : throw ContractJson.Error(file, code, $"{where}.name '{record.Name}' is not a plain file name");
            })
            .ToImmutableArray();
        var duplicate = artifacts.GroupBy(artifact => artifact.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw ContractJson.Error(file, code, $"artifact '{duplicate.Key}' is listed {duplicate.Count()} times");
        }

        var bundle = new BundleSpec(
            id,
            name,
            kind,
            releaseDate,
            ltsUntil,
            [.. components.Select(component => new BundleComponent(component.Component, component.Version))]);
        return new BundleManifest(bundle, components, artifacts);
    }

    // Absent in manifests written before runtime dependencies were carried: none.
    private static ImmutableSortedDictionary<string, string> Dependencies(JsonElement component, string file, string code, string where) =>
        component.TryGetProperty("runtimeDependencies", out _)
            ? ContractJson.Property(component, "runtimeDependencies", JsonValueKind.Object, file, code, where)
                .EnumerateObject()
                .ToImmutableSortedDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw ContractJson.Error(file, code, $"{where}: runtime dependency '{property.Name}' has no requirement"),
                StringComparer.Ordinal)
            : ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    public static string KindName(BundleKind kind) => ContractJson.Kind(kind);

    private static ComponentId Component(string id, string file, string code, string where) =>
        ComponentId.TryParse(id) ?? throw ContractJson.Error(file, code, $"{where}: '{id}' is not a component id");

    private static NuGetVersion Version(string text, string file, string code, string where) =>
        NuGetVersion.TryParse(text, out var version) && !text.Contains('/', StringComparison.Ordinal)
            ? version
            : throw ContractJson.Error(file, code, $"{where}: '{text}' is not a SemVer version");

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
