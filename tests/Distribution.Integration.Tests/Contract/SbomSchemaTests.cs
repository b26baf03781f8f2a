using System.Text.Json;
using Distribution.Integration.Tests.Installing;
using Distribution.Testing;
using Json.Schema;

namespace Distribution.Integration.Tests.Contract;

/// <summary>
/// Issue 21: the CycloneDX SBOM of a bundle (bundle.cdx.json: in the bundle folder and its meta-package, the registry, the release)
/// validates against the official CycloneDX 1.6 JSON schema, the one npm's @cyclonedx/cyclonedx-library carries
/// (tools/package.json); the schemas it references (SPDX licences, JSF signatures) are loaded from the same folder.
/// </summary>
public sealed class SbomSchemaTests
{
    private static readonly string Schemas =
        Path.Combine(TestPaths.RepositoryRoot, "tools", "node_modules", "@cyclonedx", "cyclonedx-library", "res", "schema");

    [SkipUnlessFact(Folder = "tools/node_modules/@cyclonedx/cyclonedx-library/res/schema")]
    public async Task The_published_sbom_validates_against_the_official_cyclonedx_schema_and_names_every_component()
    {
        using var work = new TempDirectory("sbom");
        var synthetic = SyntheticRegistry.Standard(work.Combine("synthetic")).Write();
        var folder = synthetic.WriteBundleFolder("stable-3.2", work.Combine("bundle"));
        var registry = work.Combine("registry");

        var publish = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", folder, "--registry", registry);
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        var text = await File.ReadAllTextAsync(Path.Combine(registry, "bundles", "stable-3.2", "bundle.cdx.json"));

        // The schema refers to its neighbours by file name: register them under those names, offline.
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var neighbour in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            build.SchemaRegistry.Register(new Uri("http://cyclonedx.org/schema/" + neighbour), Load(neighbour, build));
        }

        using var document = JsonDocument.Parse(text);
        var results = Load("bom-1.6.SNAPSHOT.schema.json", build)
            .Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"));
        Assert.True(results.IsValid, string.Join('\n', errors) + "\n" + text);

        var root = document.RootElement;
        Assert.Equal("1.6", root.GetProperty("specVersion").GetString());
        var components = root.GetProperty("components").EnumerateArray().ToList();
        string[] names = ["core", "platform", "workspace", "ext-mongodb"];
        Assert.Equal(names, components.Select(component => component.GetProperty("name").GetString()));
        var core = components[0];
        Assert.Equal("3.2.1", core.GetProperty("version").GetString());
        Assert.Equal(40, core.GetProperty("pedigree").GetProperty("commits")[0].GetProperty("uid").GetString()!.Length);
        Assert.Equal("vcs", core.GetProperty("externalReferences")[0].GetProperty("type").GetString());
        var file = core.GetProperty("components")[0];
        Assert.Equal("provisioning-core-3.2.1.tar.gz", file.GetProperty("name").GetString());
        var archive = SyntheticRegistry.Sha256(File.ReadAllBytes(synthetic.ArchivePath("core", "3.2.1")));
        Assert.Equal(archive, file.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.Equal(4, components[1].GetProperty("components").GetArrayLength()); // one platform archive per target
        Assert.Equal(5, root.GetProperty("dependencies").GetArrayLength()); // the bundle and each component

        // A republish writes the same bytes.
        var again = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", folder, "--registry", registry);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Equal(text, await File.ReadAllTextAsync(Path.Combine(registry, "bundles", "stable-3.2", "bundle.cdx.json")));
    }

    private static JsonSchema Load(string name, BuildOptions build) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Schemas, name)), build);
}
