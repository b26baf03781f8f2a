using System.Text.Json;
using Distribution.Adapters.Builds;
using Distribution.Core.Contract;
using Distribution.Integration.Tests.Publishing;
using Distribution.Testing;
using Json.Schema;

namespace Distribution.Integration.Tests.Contract;

/// <summary>
/// The files the pipeline hands over (shard.json, bundle.json, index.json) validate against the JSON Schemas in
/// docs/, and the schemas are strict enough to refuse what the contract forbids.
/// </summary>
public sealed class ContractSchemaTests
{
    private static readonly JsonSchema Bundle = Load("bundle.schema.json");
    private static readonly JsonSchema Index = Load("registry-index.schema.json");

    [Fact]
    public async Task Every_shard_bundle_and_index_file_the_pipeline_writes_validates_against_its_schema()
    {
        using var work = new TempDirectory("schema");
        var synthetic = SyntheticBundle.Create(work.Combine("synthetic"));
        var manifest = BundleManifest.Read(
            await File.ReadAllTextAsync(Path.Combine(synthetic, BundleFiles.Manifest)), "bundle.json", "PUB001");
        var shard = Directory.CreateDirectory(work.Combine("shard")).FullName;
        foreach (var artifact in manifest.Artifacts)
        {
            File.Copy(Path.Combine(synthetic, artifact.Name), Path.Combine(shard, artifact.Name));
        }

        // The shard as create-bundle --shard-out writes it, then the real assemble-bundle and publish.
        await BundleAssembler.WriteShardAsync(shard, manifest, "# notes\n", CancellationToken.None);
        var bundle = work.Combine("bundles", manifest.Id);
        var registry = work.Combine("registry");
        var assembled = await CliProcess.RunCliAsync(work.Path, null, "assemble-bundle", "--artifacts-from", shard, "--output", bundle);
        Assert.True(assembled.ExitCode == 0, assembled.Output + assembled.Error);
        var published = await CliProcess.RunCliAsync(work.Path, null, "publish", "--bundle", bundle, "--registry", registry);
        Assert.True(published.ExitCode == 0, published.Output + published.Error);

        AssertValid(Bundle, Path.Combine(shard, BundleFiles.Shard));
        AssertValid(Bundle, Path.Combine(bundle, BundleFiles.Manifest));
        AssertValid(Bundle, Path.Combine(registry, "bundles", manifest.Id, BundleFiles.Manifest));
        AssertValid(Index, Path.Combine(registry, BundleFiles.RegistryIndex));
    }

    [Theory]
    [InlineData("\"kind\": \"stable\"", "\"kind\": \"nightly\"")]
    [InlineData("\"schema\": 1", "\"schema\": 2")]
    [InlineData("\"name\":\"provisioning-core-3.2.1.tar.gz\"", "\"name\":\"../core.tar.gz\"")]
    [InlineData("\"size\":10", "\"size\":-1")]
    public void The_bundle_schema_refuses_what_the_reader_refuses(string from, string to)
    {
        var valid = BundleManifest.Read(Text, "bundle.json", "PUB001").Render();
        var broken = valid.Replace(from, to, StringComparison.Ordinal);

        Assert.NotEqual(valid, broken);
        Assert.True(Evaluate(Bundle, valid).IsValid);
        Assert.False(Evaluate(Bundle, broken).IsValid);
        Assert.Throws<Distribution.Core.Diagnostics.UserErrorException>(() => BundleManifest.Read(broken, "bundle.json", "PUB001"));
    }

    private static string Text => $$"""
        {"schema": 1, "bundle": "stable-3.2", "name": "Stable 3.2 Bundle", "kind": "stable", "releaseDate": "2025-10-15", "ltsUntil": null,
         "components": [{"id":"core","version":"3.2.1","tag":"v3.2.1","commit":"{{new string('1', 40)}}","tree":"{{new string('2', 40)}}"}],
         "artifacts": [{"component":"core","version":"3.2.1","target":"noarch","name":"provisioning-core-3.2.1.tar.gz","size":10,"sha256":"{{new string('a', 64)}}"}]}
        """;

    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", name)));

    private static EvaluationResults Evaluate(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(JsonSchema schema, string file)
    {
        var results = Evaluate(schema, File.ReadAllText(file));
        var errors = (results.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"));
        Assert.True(results.IsValid, $"{file}:\n{string.Join('\n', errors)}");
    }
}
