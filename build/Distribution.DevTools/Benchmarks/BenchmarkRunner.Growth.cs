using System.Diagnostics;
using Distribution.Adapters.Builds;
using Distribution.Pipeline;

namespace Distribution.DevTools.Benchmarks;

/// <summary>The growth curve (docs/benchmark.md#growth): the same steps on synthetic bundles of growing component counts.</summary>
internal sealed partial class BenchmarkRunner
{
    /// <summary>
    /// For each count of <see cref="BenchmarkOptions.GrowthComponents"/>: fetch with warm mirrors, cold create-bundle (empty
    /// build and package caches), warm create-bundle, assemble of one shard per target (made once, not timed) into a
    /// fresh folder, and publish of the bundle into a fresh local registry; each run's wall and processor time. Null when no
    /// count is given.
    /// </summary>
    private async Task<GrowthCurve?> GrowthAsync(CancellationToken cancellationToken)
    {
        if (options.GrowthComponents.IsEmpty)
        {
            return null;
        }

        var steps = new (string Key, string Label)[]
        {
            ("create_bundle_cold", "cold CreateBundle"),
            ("create_bundle_warm", "warm CreateBundle"),
            ("fetch_warm", "fetch, mirrors warm"),
            ("assemble", "assemble the shards"),
            ("publish", "publish into a local registry"),
        };
        var samples = steps.ToDictionary(step => step.Key, _ => new List<GrowthSample>(), StringComparer.Ordinal);
        foreach (var components in options.GrowthComponents)
        {
            var bundle = SyntheticBundle.Create(components, components * options.GrowthBytesPerComponent);
            var (folder, versionsFile, recipes) = await SyntheticInputsAsync(bundle, cancellationToken).ConfigureAwait(false);
            var name = $"growth, {components} components";
            var run = Path.Combine(folder, "run");
            var cache = Path.Combine(run, "cache");
            var output = Path.Combine(run, "bundle");
            var phases = new PhaseContext(context.Paths, Silent.Instance) { Cache = cache };
            var selection = new BundleSelection(versionsFile, bundle.BundleId);
            Task Fetch(CancellationToken token) => new FetchPhase(phases).RunAsync(new FetchBundlesRequest(selection), token);
            Task Create(CancellationToken token) => new CreateBundlePhase(phases).RunAsync(
                new CreateBundleRequest(selection, Output: output, Recipes: recipes), token);

            Step($"{name}: fetching the sources once");
            await TimeAsync("fetch", Fetch, cancellationToken).ConfigureAwait(false);
            async Task Measure(string key, string title, Action reset, string phase, Func<CancellationToken, Task> work)
                => samples[key].Add(await RepeatAsync(components, $"{name}: {title}", reset, phase, work, cancellationToken)
                    .ConfigureAwait(false));
            await Measure("fetch_warm", "fetch with warm mirrors", () => { }, "fetch", Fetch).ConfigureAwait(false);
            await Measure("create_bundle_cold", "cold CreateBundle", () =>
            {
                FileTree.Delete(Path.Combine(cache, "packages"));
                FileTree.Delete(Path.Combine(cache, "builds"));
                FileTree.Delete(output);
            }, "create-bundle", Create).ConfigureAwait(false);
            await Measure("create_bundle_warm", "warm CreateBundle", () => { }, "create-bundle", Create).ConfigureAwait(false);

            var shards = new List<string>();
            Step($"{name}: one shard per target (not timed)");
            foreach (var target in bundle.Targets)
            {
                var shard = Path.Combine(run, "shards", target);
                FileTree.Delete(shard);
                await TimeAsync("create-bundle", token => new CreateBundlePhase(phases).RunAsync(
                    new CreateBundleRequest(selection, Targets: target, ShardOut: shard, Recipes: recipes), token), cancellationToken)
                    .ConfigureAwait(false);
                shards.Add(shard);
            }

            var assembled = Path.Combine(run, "assembled");
            var assemble = new AssembleRequest(string.Join(',', shards), Output: assembled, Bundle: bundle.BundleId);
            await Measure("assemble", $"assemble {shards.Count} shards", () => FileTree.Delete(assembled), "assemble", token =>
                new AssemblePhase(phases).RunAsync(assemble, token)).ConfigureAwait(false);
            var registry = Path.Combine(run, "registry");
            await Measure("publish", "publish into an empty registry", () => FileTree.Delete(registry), "publish", token =>
                new PublishPhase(phases).RunAsync(new PublishRequest(Bundle: output, Registry: registry), token)).ConfigureAwait(false);
        }

        return new GrowthCurve(
            options.GrowthBytesPerComponent,
            options.GrowthComponents,
            [.. steps.Select(step => new GrowthStep(step.Key, step.Label, [.. samples[step.Key]]))]);
    }

    /// <summary>
    /// <see cref="BenchmarkOptions.Runs"/> runs of a phase, each after <paramref name="reset"/> (not timed): wall time, and
    /// this process's processor time over the run.
    /// </summary>
    private async Task<GrowthSample> RepeatAsync(
        int components, string title, Action reset, string phase, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var seconds = new List<double>();
        var processor = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var index = 1; index <= options.Runs; index++)
        {
            reset();
            process.Refresh();
            var before = process.TotalProcessorTime;
            seconds.Add(await TimeAsync(phase, run, cancellationToken).ConfigureAwait(false));
            process.Refresh();
            processor.Add((process.TotalProcessorTime - before).TotalSeconds);
            Step($"{title} {index}/{options.Runs}: {seconds[^1]:0.00} s ({processor[^1]:0.00} s processor)");
        }

        return new GrowthSample(components, Measurement.Of(seconds), Measurement.Of(processor));
    }
}
