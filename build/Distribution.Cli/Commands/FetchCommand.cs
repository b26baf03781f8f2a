using System.Collections.Immutable;
using System.CommandLine;
using Distribution.Adapters.Files;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>fetch</c>: mirrors every repository of a bundle (or of every bundle), exports each component's tree at its
/// tag into the cache, checks the sources, and writes the lock file. See docs/sources.md.
/// </summary>
public sealed class FetchCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var bundle = new Option<string>("--bundle") { Description = "The bundle to fetch (default: the newest stable bundle); with --core…, the name to lock the ad-hoc combination under." };
        var all = new Option<bool>("--all") { Description = "Fetch every bundle of versions.toml (and drop lock entries of bundles that are gone)." };
        var locked = new Option<bool>("--locked") { Description = "Refuse any change to the lock file (for CI)." };
        var updateLock = new Option<bool>("--update-lock") { Description = "Accept tags that moved since the lock was written, and record their new commits." };
        var versions = new Option<string>("--versions") { Description = "The versions file (default: version-management/versions.toml); the lock is versions.lock beside it." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be fetched, exported and locked; change nothing." };
        var core = new Option<string>("--core") { Description = "Ad-hoc combination: the core version (platform and workspace default to the default bundle's)." };
        var platform = new Option<string>("--platform") { Description = "Ad-hoc combination: the platform version." };
        var workspace = new Option<string>("--workspace") { Description = "Ad-hoc combination: the workspace version." };
        var extensions = new Option<string>("--extensions") { Description = "Ad-hoc combination: extensions as name@version, comma-separated." };
        var command = new Command("fetch", "Mirror the component repositories, export each component at its tag, check the sources and write versions.lock.")
        {
            bundle, all, locked, updateLock, versions, dryRun, core, platform, workspace, extensions,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var options = new Options(
                parse.GetValue(bundle),
                parse.GetValue(all),
                parse.GetValue(locked),
                parse.GetValue(updateLock),
                parse.GetValue(versions),
                parse.GetValue(dryRun),
                parse.GetValue(core),
                parse.GetValue(platform),
                parse.GetValue(workspace),
                parse.GetValue(extensions));
            return await RunAsync(context, options, token).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        if (options.Locked && options.UpdateLock)
        {
            throw UserErrorException.Of("SRC040", "--locked and --update-lock contradict each other", "use --locked on CI, --update-lock when a moved tag is known to be right");
        }

        var paths = context.Paths;
        var versionsFile = Path.GetFullPath(options.Versions ?? paths.VersionsFile, paths.Root);
        var lockFile = Path.Combine(Path.GetDirectoryName(versionsFile)!, "versions.lock");
        var document = await ReadVersionsAsync(paths, versionsFile, context, cancellationToken).ConfigureAwait(false);
        var (bundles, lockBundles) = Select(document, options, context);
        var currentLock = await ReadLockAsync(paths, lockFile, cancellationToken).ConfigureAwait(false);
        var cacheFolder = Environment.GetEnvironmentVariable("PROVISIONING_DIST_CACHE") is { Length: > 0 } custom ? Path.GetFullPath(custom) : paths.Cache;
        var git = Adapters.Git.GitCli.Default;
        var cache = new SourceCache(paths.Root, cacheFolder, new SampleRepositories(paths.Samples, Path.Combine(cacheFolder, "samples"), git), git);

        if (options.DryRun)
        {
            await DryRunAsync(context, cache, document, bundles, lockBundles, currentLock, paths.Display(lockFile), cancellationToken).ConfigureAwait(false);
            return CommandRunner.Ok;
        }

        var service = new FetchService(cache);
        var nextLock = options.All ? LockFile.Empty : currentLock;
        var exported = 0;
        foreach (var spec in bundles)
        {
            var request = new FetchRequest(spec, document.Sources, currentLock, options.UpdateLock, paths.Display(lockFile));
            var result = await service.FetchAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var warning in result.Warnings)
            {
                context.Reporter.Report(warning);
            }

            exported += result.Components.Count(component => component.ExportedNow);
            if (lockBundles.Contains(spec.Id))
            {
                nextLock = nextLock.WithBundle(spec.Id, result.Locked);
            }

            context.Reporter.Info($"bundle {spec.Id}: {string.Join(", ", result.Components.Select(component => $"{component.Locked.Component.Id} {component.Locked.Version.ToNormalizedString()}"))}");
        }

        foreach (var line in service.Log)
        {
            context.Reporter.Info(line);
        }

        var changes = currentLock.Differences(nextLock);
        var display = paths.Display(lockFile);
        if (options.Locked && (!changes.IsEmpty || !File.Exists(lockFile)))
        {
            var detail = File.Exists(lockFile) ? string.Join("; ", changes) : "the lock file does not exist";
            throw UserErrorException.At(SourceLocation.InFile(display), "SRC023", $"the lock file would change (--locked): {detail}", "run ./build.sh --target=Fetch without --locked, review and commit versions.lock");
        }

        if (!changes.IsEmpty || (!File.Exists(lockFile) && !nextLock.Bundles.IsEmpty))
        {
            await AtomicFile.WriteAllTextAsync(lockFile, nextLock.Write(), cancellationToken).ConfigureAwait(false);
            foreach (var change in changes)
            {
                context.Reporter.Info($"lock: {change}");
            }

            context.Reporter.Info($"lock: {display} written ({changes.Length} change(s))");
        }
        else
        {
            context.Reporter.Info($"lock: {display} unchanged");
        }

        var nothingNew = exported == 0 && changes.IsEmpty && service.MirrorUpdates.Values.All(update => update.UpToDate);
        context.Reporter.Success(nothingNew
            ? "fetch: nothing new — every mirror was up to date, every tree already exported, the lock unchanged"
            : $"fetch: {bundles.Length} bundle(s), {exported} tree(s) exported, {service.MirrorUpdates.Values.Count(update => !update.UpToDate)} mirror(s) created or updated");
        return CommandRunner.Ok;
    }

    private static async Task<VersionsDocument> ReadVersionsAsync(RepositoryPaths paths, string file, CliContext context, CancellationToken cancellationToken)
    {
        var display = paths.Display(file);
        if (!File.Exists(file))
        {
            throw UserErrorException.Of("SRC040", $"{display} does not exist", "run from the repository, or name the file with --versions");
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        TomlTable table;
        try
        {
            table = TomlParser.Parse(text, display);
        }
        catch (TomlException exception)
        {
            throw new UserErrorException(exception.Diagnostic);
        }

        var result = VersionsReader.FromTable(table, display);
        if (result.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(result.Diagnostics.Where(diagnostic => diagnostic.IsError));
        }

        foreach (var warning in result.Diagnostics)
        {
            context.Reporter.Report(warning);
        }

        return result.Document;
    }

    private static async Task<LockFile> ReadLockAsync(RepositoryPaths paths, string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return LockFile.Empty;
        }

        return LockFile.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), paths.Display(file));
    }

    /// <summary>The bundles to fetch and the ids among them that get lock entries.</summary>
    private static (ImmutableArray<BundleSpec> Bundles, ImmutableHashSet<string> Locked) Select(VersionsDocument document, Options options, CliContext context)
    {
        var adHoc = options.Core is not null || options.Platform is not null || options.Workspace is not null || options.Extensions is not null;
        if (options.All)
        {
            if (adHoc || options.Bundle is not null)
            {
                throw UserErrorException.Of("SRC040", "--all fetches every bundle of versions.toml and takes no --bundle or versions", "drop --all, or the other options");
            }

            var every = document.Bundles.Select(bundle => bundle.ToSpec()).ToImmutableArray();
            return (every, [.. every.Select(spec => spec.Id)]);
        }

        if (!adHoc)
        {
            var spec = options.Bundle is null ? document.GetDefaultBundleSpec() : document.GetBundleSpec(options.Bundle);
            return ([spec], [spec.Id]);
        }

        if (options.Core is null)
        {
            throw UserErrorException.Of("SRC040", "an ad-hoc combination needs --core", "give --core=VERSION (and --platform, --workspace, --extensions as needed)");
        }

        var defaults = document.DefaultBundle;
        var pins = new List<BundleComponent>();
        foreach (var text in (options.Extensions ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pins.Add(ExtensionPin.TryParse(text, out var pin, out var error)
                ? new BundleComponent(ComponentId.Extension(pin.Name), pin.Version)
                : throw UserErrorException.Of("SRC040", $"--extensions: {error}", string.Empty));
        }

        var custom = VersionsDocument.CustomBundle(
            options.Bundle,
            Version("--core", options.Core, null),
            Version("--platform", options.Platform, defaults?.Find(ComponentId.Platform)?.Version),
            Version("--workspace", options.Workspace, defaults?.Find(ComponentId.Workspace)?.Version),
            pins);

        // The matrix is the release gate (validate, create-bundle); an integration run may fetch outside it.
        foreach (var diagnostic in VersionsValidator.ValidateSpec(document, custom))
        {
            context.Reporter.Report(diagnostic with { Severity = Severity.Warning });
        }

        return ([custom], options.Bundle is null ? [] : [custom.Id]);
    }

    private static NuGetVersion Version(string option, string? text, NuGetVersion? fallback) =>
        text is null
            ? fallback ?? throw UserErrorException.Of("SRC040", $"{option} is needed (versions.toml has no default bundle to take it from)", $"give {option}=VERSION")
            : NuGetVersion.TryParse(text, out var version) ? version : throw UserErrorException.Of("SRC040", $"{option}={text} is not a version", $"write it like {option}=3.2.1");

    private static async Task DryRunAsync(CliContext context, SourceCache cache, VersionsDocument document, ImmutableArray<BundleSpec> bundles, ImmutableHashSet<string> lockBundles, LockFile currentLock, string lockDisplay, CancellationToken cancellationToken)
    {
        var reporter = context.Reporter;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in bundles)
        {
            reporter.Info($"bundle {spec.Id}:");
            foreach (var component in spec.Components)
            {
                var source = document.SourceFor(component.Component.Kind)
                    ?? throw UserErrorException.Of("SRC041", $"no repository is configured for {component.Component.Id}", "add it to [components] in versions.toml");
                var mirror = cache.MirrorPathOf(source);
                if (seen.Add(mirror))
                {
                    var sample = source.IsSample && !await cache.Samples.IsCurrentAsync(source.Repository[ComponentSource.SampleScheme.Length..], cancellationToken).ConfigureAwait(false)
                        ? " (after generating the sample repository)"
                        : string.Empty;
                    reporter.Info(Directory.Exists(mirror)
                        ? $"  would update mirror {Display(cache, mirror)} from {source.Repository}{sample}"
                        : $"  would create mirror {Display(cache, mirror)} from {source.Repository}{sample}");
                }

                var tag = source.TagFor(component.Component, component.Version);
                var commit = Directory.Exists(mirror) && (await cache.Git.TagsAsync(mirror, cancellationToken).ConfigureAwait(false)).TryGetValue(tag, out var found) ? found : null;
                var previous = currentLock.Find(spec.Id, component.Component);
                var locking = !lockBundles.Contains(spec.Id) ? "not locked (ad-hoc)"
                    : previous is null ? "would add a lock entry"
                    : previous.Tag == tag && previous.Commit == commit ? "lock unchanged"
                    : previous.Tag == tag && commit is not null ? $"lock says {previous.Commit}: the tag moved (an error without --update-lock)"
                    : $"would change the lock entry ({previous.Tag} → {tag})";
                var export = commit is null
                    ? "commit known after fetching"
                    : Directory.Exists(Path.Combine(cache.SourcesFolder, component.Component.Id, commit))
                        ? $"{commit[..12]} already exported"
                        : $"would export {commit[..12]} to {Display(cache, Path.Combine(cache.SourcesFolder, component.Component.Id, commit))}";
                reporter.Info($"  {component.Component.Id} {component.Version.ToNormalizedString()} at {tag}: {export}; {locking}");
            }
        }

        reporter.Info($"lock file: {lockDisplay}");
        reporter.Success("dry run: nothing was fetched, exported or written");
    }

    private static string Display(SourceCache cache, string path)
    {
        var relative = Path.GetRelativePath(cache.RepositoryRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    private sealed record Options(
        string? Bundle,
        bool All,
        bool Locked,
        bool UpdateLock,
        string? Versions,
        bool DryRun,
        string? Core,
        string? Platform,
        string? Workspace,
        string? Extensions);
}
