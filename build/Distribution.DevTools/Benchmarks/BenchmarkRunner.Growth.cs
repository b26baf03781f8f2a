using System.Collections.Immutable;
using Distribution.Adapters.Builds;
using Distribution.Pipeline;

namespace Distribution.DevTools.Benchmarks;

/// <summary>The growth curve (docs/benchmark.md#growth): the same steps on synthetic bundles of growing component counts.</summary>
internal sealed partial class BenchmarkRunner
{
    /// <summary>
    /// For each count of <see cref="BenchmarkOptions.GrowthComponents"/>: fetch, cold and warm create-bundle (as
    /// <see cref="SeriesAsync"/>), then assemble of one shard per target (made once, not timed) into a fresh folder,
    /// and publish of the bundle into a fresh local registry. Null when no count is given.
    /// </summary>
    private async Task<GrowthCurve?> GrowthAsync(CancellationToken cancellationToken)
    {
        if (options.GrowthComponents.IsEmpty)
        {
            return null;
        }

        var cold = ImmutableArray.CreateBuilder<GrowthSample>();
        var warm = ImmutableArray.CreateBuilder<GrowthSample>();
        var fetch = ImmutableArray.CreateBuilder<GrowthSample>();
        var assemble = ImmutableArray.CreateBuilder<GrowthSample>();
        var publish = ImmutableArray.CreateBuilder<GrowthSample>();
        foreach (var components in options.GrowthComponents)
        {
            var bundle = SyntheticBundle.Create(components, components * options.GrowthBytesPerComponent);
            var (folder, versionsFile, recipes) = await SyntheticInputsAsync(bundle, cancellationToken).ConfigureAwait(false);
            var name = $"growth, {components} components";
            var run = Path.Combine(folder, "run");
            var series = await SeriesAsync(name, run, versionsFile, bundle.BundleId, recipes, cancellationToken).ConfigureAwait(false);
            cold.Add(new GrowthSample(components, series.ColdSeconds));
            warm.Add(new GrowthSample(components, series.WarmSeconds));
            fetch.Add(new GrowthSample(components, series.FetchWarmSeconds));

            var phases = new PhaseContext(context.Paths, Silent.Instance) { Cache = Path.Combine(run, "cache") };
            var selection = new BundleSelection(versionsFile, bundle.BundleId);
            var shards = new List<string>();
            Step($"{name}: one shard per target (not timed)");
            foreach (var target in bundle.Targets)
            {
                var shard = Path.Combine(run, "shards", target);
                FileTree.Delete(shard);
                await RunPhaseAsync("create-bundle", token => new CreateBundlePhase(phases).RunAsync(
                    new CreateBundleRequest(selection, Targets: target, ShardOut: shard, Recipes: recipes), token), cancellationToken)
                    .ConfigureAwait(false);
                shards.Add(shard);
            }

            var assembled = Path.Combine(run, "assembled");
            assemble.Add(new GrowthSample(components, await RepeatAsync(
                $"{name}: assemble {shards.Count} shards",
                () => FileTree.Delete(assembled),
                "assemble",
                token => new AssemblePhase(phases).RunAsync(
                    new AssembleRequest(string.Join(',', shards), Output: assembled, Bundle: bundle.BundleId), token),
                cancellationToken).ConfigureAwait(false)));

            var registry = Path.Combine(run, "registry");
            publish.Add(new GrowthSample(components, await RepeatAsync(
                $"{name}: publish into an empty registry",
                () => FileTree.Delete(registry),
                "publish",
                token => new PublishPhase(phases).RunAsync(
                    new PublishRequest(Bundle: Path.Combine(run, "bundle"), Registry: registry), token),
                cancellationToken).ConfigureAwait(false)));
        }

        return new GrowthCurve(
            options.GrowthBytesPerComponent,
            options.GrowthComponents,
            [
                new GrowthStep("create_bundle_cold", "cold CreateBundle", cold.ToImmutable()),
                new GrowthStep("create_bundle_warm", "warm CreateBundle", warm.ToImmutable()),
                new GrowthStep("fetch_warm", "fetch, mirrors warm", fetch.ToImmutable()),
                new GrowthStep("assemble", "assemble the shards", assemble.ToImmutable()),
                new GrowthStep("publish", "publish into a local registry", publish.ToImmutable()),
            ]);
    }

    /// <summary><see cref="BenchmarkOptions.Runs"/> timed runs of a phase, each after <paramref name="reset"/>.</summary>
    private async Task<Measurement> RepeatAsync(
        string title, Action reset, string phase, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var seconds = new List<double>();
        for (var index = 1; index <= options.Runs; index++)
        {
            reset();
            seconds.Add(await TimeAsync(phase, run, cancellationToken).ConfigureAwait(false));
            Step($"{title} {index}/{options.Runs}: {seconds[^1]:0.00} s");
        }

        return Measurement.Of(seconds);
    }
}
