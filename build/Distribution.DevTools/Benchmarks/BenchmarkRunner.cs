using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Distribution.Adapters.Archives;
using Distribution.Adapters.Builds;
using Distribution.Adapters.Files;
using Distribution.Adapters.Git;
using Distribution.Adapters.Processes;
using Distribution.Cli.Hosting;
using Distribution.Core.Benchmarks;
using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;
using Distribution.Core.Rendering;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using Distribution.Pipeline;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// Runs the measurements of <c>benchmark</c> (docs/benchmark.md): the fetch and create-bundle phases cold and warm on
/// the sample and on a synthetic bundle, called in this process (<see cref="FetchPhase"/>, <see cref="CreateBundlePhase"/>)
/// with their own cache under the work folder, so that nothing of the user's cache or versions files is touched; the
/// archiver against tar | gzip and tar | pigz on the same files; the validator and the TOML reader.
/// </summary>
internal sealed partial class BenchmarkRunner(CliContext context, BenchmarkOptions options)
{
    private static readonly DateTimeOffset ArchiveTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Work);
        var machine = new BenchmarkMachine(
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            $"{RuntimeInformation.FrameworkDescription}, phases in process ({(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "native")})",
            DateTimeOffset.UtcNow);

        var sample = await SampleSeriesAsync(cancellationToken).ConfigureAwait(false);

        var bundle = SyntheticBundle.Create(options.Components, options.PayloadBytes);
        var (syntheticFolder, versionsFile, recipes) = await SyntheticInputsAsync(bundle, cancellationToken).ConfigureAwait(false);
        var synthetic = await SeriesAsync(
            "synthetic",
            Path.Combine(syntheticFolder, "run"),
            versionsFile,
            bundle.BundleId,
            recipes,
            cancellationToken).ConfigureAwait(false);

        var tree = await SyntheticSources.PayloadTreeAsync(
            bundle, Path.Combine(syntheticFolder, "tree"), cancellationToken).ConfigureAwait(false);
        var packaging = await CompareArchiversAsync(
            $"the synthetic payload ({bundle.PayloadBytes / 1e6:0.0} MB, "
                + $"{bundle.Extensions.Length + 3} components × {bundle.Targets.Length} targets)",
            tree,
            cancellationToken).ConfigureAwait(false);

        // Compiled binaries compress differently: the runtime's own assemblies, as they are on this machine.
        var runtime = RuntimeDirectory();
        var binaries = runtime is not null && Directory.Exists(runtime)
            ? await CompareArchiversAsync(
                $"compiled binaries (this machine's .NET runtime, {BytesIn(runtime) / 1e6:0.0} MB)",
                runtime,
                cancellationToken).ConfigureAwait(false)
            : null;

        var (validation, tomlBytes, toml) = MeasureReaders();
        var growth = await GrowthAsync(cancellationToken).ConfigureAwait(false);
        return new BenchmarkReport(
            machine,
            options.Runs,
            sample,
            synthetic,
            bundle.PayloadBytes,
            bundle.Extensions.Length + 3,
            packaging,
            binaries,
            options.ValidationBundles,
            validation,
            tomlBytes,
            toml,
            growth);
    }

    /// <summary>
    /// The synthetic bundle's repositories, versions.toml and recipes, made once per <see cref="SyntheticBundle.Fingerprint"/>
    /// in a folder of the work folder.
    /// </summary>
    private async Task<(string Folder, string VersionsFile, string Recipes)> SyntheticInputsAsync(
        SyntheticBundle bundle, CancellationToken cancellationToken)
    {
        var syntheticFolder = Path.Combine(options.Work, "synthetic-" + bundle.Fingerprint);
        Step($"generating the synthetic bundle ({bundle.Extensions.Length + 3} components × {bundle.Targets.Length} "
            + $"targets, {bundle.PayloadBytes / 1e6:0.0} MB) in {context.Paths.Display(syntheticFolder)} (once)");
        var repositories = await new SyntheticSources(GitCli.Default).RepositoriesAsync(
            bundle, Path.Combine(syntheticFolder, "repositories"), cancellationToken).ConfigureAwait(false);
        var versionsFile = Path.Combine(syntheticFolder, "version-management", "versions.toml");
        await AtomicFile.WriteAllTextAsync(
            versionsFile, bundle.VersionsToml(name => repositories[name]), cancellationToken).ConfigureAwait(false);
        var recipes = Path.Combine(syntheticFolder, "recipes");
        foreach (var (folder, text) in bundle.Recipes())
        {
            await AtomicFile.WriteAllTextAsync(Path.Combine(recipes, folder, "recipe.toml"), text, cancellationToken).ConfigureAwait(false);
        }

        return (syntheticFolder, versionsFile, recipes);
    }

    private async Task<CreateBundleSeries> SampleSeriesAsync(CancellationToken cancellationToken)
    {
        // A copy of the shipped versions.toml and lock: fetch and create-bundle write beside their versions file.
        var folder = Path.Combine(options.Work, "sample");
        var versionsFile = Path.Combine(folder, "version-management", "versions.toml");
        await AtomicFile.WriteAllBytesAsync(
            versionsFile,
            await File.ReadAllBytesAsync(context.Paths.VersionsFile, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var lockFile = VersionsLoader.LockPathOf(context.Paths.VersionsFile);
        if (File.Exists(lockFile))
        {
            await AtomicFile.WriteAllBytesAsync(
                VersionsLoader.LockPathOf(versionsFile),
                await File.ReadAllBytesAsync(lockFile, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }

        return await SeriesAsync(
            "sample", Path.Combine(folder, "run"), versionsFile, bundle: null, recipes: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetch once (not timed), fetch with warm mirrors, then cold create-bundle runs, then warm ones.</summary>
    /// <param name="bundle">The bundle to make; null: the versions file's default bundle.</param>
    /// <param name="recipes">The recipes folder; null: packaging/.</param>
    private async Task<CreateBundleSeries> SeriesAsync(
        string name, string folder, string versionsFile, string? bundle, string? recipes, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(folder, "cache");
        var output = Path.Combine(folder, "bundle");
        var selection = new BundleSelection(versionsFile, bundle);
        var phases = new PhaseContext(context.Paths, Silent.Instance) { Cache = cache };
        Task Fetch(CancellationToken token) => new FetchPhase(phases).RunAsync(new FetchBundlesRequest(selection), token);

        Step($"{name}: fetching the sources once");
        await TimeAsync("fetch", Fetch, cancellationToken).ConfigureAwait(false);
        var fetches = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            fetches.Add(await TimeAsync("fetch", Fetch, cancellationToken).ConfigureAwait(false));
            Step($"{name}: fetch with warm mirrors {run}/{options.Runs}: {fetches[^1]:0.00} s");
        }

        var cold = ImmutableArray.CreateBuilder<TimedRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var stale in new[] { "packages", "builds" })
            {
                FileTree.Delete(Path.Combine(cache, stale));
            }

            FileTree.Delete(output);
            cold.Add(await TimedCreateAsync(
                phases, new CreateBundleRequest(selection, Output: output, Recipes: recipes), cancellationToken).ConfigureAwait(false));
            Step($"{name}: cold CreateBundle {run}/{options.Runs}: {cold[^1].Seconds:0.00} s ({cold[^1].Timings.Builds} builds, "
                + $"{cold[^1].Timings.Compressions} compressions, {cold[^1].OrchestrationSeconds:0.00} s orchestration)");
        }

        var warm = ImmutableArray.CreateBuilder<TimedRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            warm.Add(await TimedCreateAsync(
                phases, new CreateBundleRequest(selection, Output: output, Recipes: recipes), cancellationToken).ConfigureAwait(false));
            Step($"{name}: warm CreateBundle {run}/{options.Runs}: {warm[^1].Seconds:0.00} s "
                + $"({warm[^1].Timings.Builds} builds, {warm[^1].Timings.Compressions} compressions)");
        }

        return new CreateBundleSeries(bundle ?? "default", cold.ToImmutable(), warm.ToImmutable(), Measurement.Of(fetches));
    }

    /// <summary>
    /// The installed .NET runtime's folder. Run by the .NET host, that is where our framework came from; the native
    /// build has no framework of its own, so it looks beside the <c>dotnet</c> on PATH for the same runtime version.
    /// </summary>
    private static string? RuntimeDirectory()
    {
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return RuntimeEnvironment.GetRuntimeDirectory();
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot
            ? Path.Combine(dotnetRoot, "dotnet")
            : HostRequirements.FindProgram("dotnet");
        if (dotnet is null)
        {
            return null;
        }

        var host = File.ResolveLinkTarget(dotnet, returnFinalTarget: true)?.FullName ?? dotnet;
        return Path.Combine(Path.GetDirectoryName(host)!, "shared", "Microsoft.NETCore.App", Environment.Version.ToString());
    }

    private static async Task<TimedRun> TimedCreateAsync(
        PhaseContext phases, CreateBundleRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await RunPhaseAsync(
            "create-bundle", token => new CreateBundlePhase(phases).RunAsync(request, token), cancellationToken).ConfigureAwait(false);
        return new TimedRun(clock.Elapsed.TotalSeconds, result.Timings);
    }

    /// <summary>Runs a phase in this process; the wall time.</summary>
    private static async Task<double> TimeAsync(string phase, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await RunPhaseAsync(phase, async token =>
        {
            await run(token).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>A phase's failure is its own diagnostics and BENCH001 naming the phase.</summary>
    private static async Task<T> RunPhaseAsync<T>(string phase, Func<CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException exception) when (exception.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(exception.Diagnostics.Append(Diagnostic.Error(
                DiagnosticCodes.Benchmark.RunFailed,
                $"the {phase} phase failed during the benchmark",
                "run the same step with provisioning-dist to see every line")));
        }
    }

    /// <summary>The phases' own lines are not shown while they are measured (only the benchmark's steps are).</summary>
    private sealed class Silent : IReporter, IProgressSink, IProgressItem
    {
        public static readonly Silent Instance = new();

        public void Info(string message)
        {
        }

        public void Success(string message)
        {
        }

        public void Report(Diagnostic diagnostic)
        {
        }

        public void Table(TextTable table)
        {
        }

        public Task<T> WithProgressAsync<T>(string title, Func<IProgressSink, Task<T>> work) => work(this);

        public void StepSummary(string markdown)
        {
        }

        public IProgressItem Start(string name) => this;

        public void Done(string status)
        {
        }

        public void Failed(string status)
        {
        }
    }

    /// <summary>
    /// Our archiver (at the level it chooses by content, on every core and on one thread), our archiver at each whole
    /// zlib-ng level and at the quarter steps within one level of its choice on one thread (the curve), tar | gzip,
    /// tar | pigz and tar | zstd on the same folder, interleaved run by
    /// run (ours, pigz, ours on one thread, pigz on one core, gzip, the other levels, zstd) so that load spreads over all of them.
    /// </summary>
    private async Task<PackagingComparison> CompareArchiversAsync(string title, string tree, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.Work, "packaging");
        Directory.CreateDirectory(folder);
        var cores = Environment.ProcessorCount;
        var pigz = HostRequirements.Missing(["pigz"]).Count == 0;
        var zstd = HostRequirements.Missing(["zstd"]).Count == 0;
        var entries = DeterministicArchive.EntriesOf(tree);
        var level = DeterministicArchive.LevelFor(entries);
        Task Ours(string file, DeflateLevel compression, int threads)
            => DeterministicArchive.CreateAsync(file, entries, ArchiveTime, compression, threads, cancellationToken);
        Task Shell(string pipeline, string file)
            => RunCheckedAsync(ProcessSpec.Of("sh", "-c", pipeline, "sh", tree, file), cancellationToken);
        static string LevelKey(DeflateLevel curveLevel) => "level_" + curveLevel;
        var contenders = new List<(string Key, string Label, Func<string, Task> Pack)>
        {
            (PackagingComparison.OursKey,
                $"provisioning-dist, level {level} (by content), {cores} threads",
                file => Ours(file, level, cores)),
        };
        if (pigz)
        {
            contenders.Add((
                PackagingComparison.PigzKey,
                $"tar | pigz -6 -p {cores}",
                file => Shell($"tar -cf - -C \"$1\" . | pigz -6 -p {cores} > \"$2\"", file)));
        }
        else
        {
            context.Reporter.Report(Diagnostic.Warning(
                DiagnosticCodes.Benchmark.NoPigz,
                "pigz is not installed, so packaging is not compared with tar | pigz",
                "install it (apt-get install pigz, brew install pigz) and run the benchmark again"));
        }

        contenders.Add((LevelKey(level), $"provisioning-dist, level {level}, 1 thread", file => Ours(file, level, 1)));
        if (pigz)
        {
            contenders.Add((
                PackagingComparison.ZlibOneCoreKey,
                "tar | pigz -6 -p 1 (one core's zlib)",
                file => Shell("tar -cf - -C \"$1\" . | pigz -6 -p 1 > \"$2\"", file)));
        }

        contenders.Add(("tar_gzip", "tar | gzip -6", file => Shell("tar -cf - -C \"$1\" . | gzip -6 > \"$2\"", file)));
        var curve = CurveLevels(level);
        foreach (var curveLevel in curve.Where(item => item != level))
        {
            contenders.Add((LevelKey(curveLevel), $"provisioning-dist, level {curveLevel}, 1 thread", file => Ours(file, curveLevel, 1)));
        }

        if (zstd)
        {
            contenders.Add((
                PackagingComparison.ZstdKey,
                "tar | zstd -3 -T0 (another format: information only)",
                file => Shell("tar -cf - -C \"$1\" . | zstd -3 -T0 -q > \"$2\"", file)));
        }
        else
        {
            Step("zstd is not installed: its row is not measured (apt-get install zstd)");
        }

        var seconds = contenders.ToDictionary(item => item.Key, _ => new List<double>(), StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var run = 1; run <= options.Runs; run++)
        {
            foreach (var (key, label, pack) in contenders)
            {
                var file = Path.Combine(folder, key + ".tar.gz");
                File.Delete(file);
                var clock = Stopwatch.StartNew();
                await pack(file).ConfigureAwait(false);
                seconds[key].Add(clock.Elapsed.TotalSeconds);
                sizes[key] = new FileInfo(file).Length;
                File.Delete(file);
                Step($"packaging {title}: {label} {run}/{options.Runs}: {seconds[key][^1]:0.00} s, {sizes[key]:N0} bytes");
            }
        }

        ArchiverRun RunOf(string key, string label) => new(key, label, Measurement.Of(seconds[key]), sizes[key]);
        var runs = contenders
            .Where(item => !item.Key.StartsWith("level_", StringComparison.Ordinal))
            .Select(item => RunOf(item.Key, item.Label))
            .ToList();
        var oneThread = RunOf(LevelKey(level), $"provisioning-dist, level {level}, 1 thread");
        runs.Insert(1, oneThread with { Key = PackagingComparison.OursOneCoreKey });
        return new PackagingComparison(title, BytesIn(tree), cores, [.. runs])
        {
            OursLevel = level,
            Curve = [.. curve.Select(
                curveLevel => new LevelPoint(curveLevel, Measurement.Of(seconds[LevelKey(curveLevel)]), sizes[LevelKey(curveLevel)]))],
        };
    }

    /// <summary>
    /// The levels of the curve: every whole level, and the quarter steps less than one level from the whole level at or
    /// below <paramref name="chosen"/> (for 5.25 and for 5: 4.25 to 5.75), where a neighbour of the choice could be faster
    /// within the budget.
    /// </summary>
    internal static ImmutableArray<DeflateLevel> CurveLevels(DeflateLevel chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var near = Enumerable.Range((chosen.Lower * DeflateLevel.Steps) - DeflateLevel.Steps + 1, (2 * DeflateLevel.Steps) - 1);
        return [.. Enumerable.Range(1, 9).Select(item => item * DeflateLevel.Steps)
            .Concat(near)
            .Where(quarters => quarters >= DeflateLevel.Fastest.Quarters && quarters <= DeflateLevel.Smallest.Quarters)
            .Distinct()
            .Order()
            .Select(DeflateLevel.FromQuarters)];
    }

    /// <summary>The bytes of every file below <paramref name="folder"/>: what an archiver of it reads.</summary>
    private static long BytesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);

    private static async Task RunCheckedAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgramNotFoundException)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Benchmark.ToolFailed,
                $"'{spec.FileName}' is not installed",
                $"install {spec.FileName}; the comparison runs tar, gzip and pigz through it");
        }

        if (!result.Succeeded)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Benchmark.ToolFailed,
                $"'{spec}' failed with exit code {result.ExitCode}: {result.Tail(3)}",
                "install tar, gzip and pigz, or check the work folder's free space");
        }
    }

    /// <summary>
    /// The validator on a versions.toml of <see cref="BenchmarkOptions.ValidationBundles"/>
    /// bundles, and the TOML reader's throughput on a larger one.
    /// </summary>
    private (Measurement Validation, long TomlBytes, Measurement Toml) MeasureReaders()
    {
        var today = VersionsLoader.Today;
        var versions = SyntheticVersions.Render(options.ValidationBundles);
        var check = VersionsChecker.Check(versions, "versions.toml", today);
        if (!check.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"the synthetic versions.toml does not validate cleanly: {check.Diagnostics[0]}");
        }

        var validation = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            VersionsChecker.Check(versions, "versions.toml", today);
            validation.Add(clock.Elapsed.TotalSeconds);
            Step($"validate {options.ValidationBundles} bundles {run}/{options.Runs}: {validation[^1] * 1000:0.0} ms");
        }

        var toml = Encoding.UTF8.GetBytes(SyntheticVersions.Render(options.TomlBundles));
        TomlParser.Parse(toml, "large.toml");
        var parse = new List<double>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            TomlParser.Parse(toml, "large.toml");
            parse.Add(clock.Elapsed.TotalSeconds);
            Step($"TOML parse {toml.Length / 1e6:0.0} MB {run}/{options.Runs}: {toml.Length / 1e6 / parse[^1]:0.0} MB/s");
        }

        return (Measurement.Of(validation), toml.Length, Measurement.Of(parse));
    }

    private void Step(string message) => context.Reporter.Info("benchmark: " + message);
}
