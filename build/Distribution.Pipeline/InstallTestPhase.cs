using System.Collections.Immutable;
using Distribution.Adapters.Installing;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Pipeline;

/// <summary>
/// The install-test phase, last of the pipeline: serves a registry on 127.0.0.1, installs bundles with install.sh into
/// temporary prefixes and smoke-checks every component against bundle.json (<see cref="TestBundleAsync"/>); checks an
/// upgrade and an uninstall (<see cref="TestUpgradeAsync"/>); and builds an ad-hoc combination through the fetch,
/// create-bundle and publish phases in this process, then installs and checks it (<see cref="TestIntegrationAsync"/>).
/// </summary>
public sealed class InstallTestPhase(PhaseContext context)
{
    /// <summary>
    /// Installs a bundle of a registry into a temporary prefix and smoke-checks it; with <see cref="TestBundleRequest.Installed"/>
    /// smoke-checks an install that is already there against <see cref="TestBundleRequest.Manifest"/> instead.
    /// </summary>
    public async Task TestBundleAsync(TestBundleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Installed is { } prefix)
        {
            await SmokeInstalledAsync(
                prefix,
                request.Manifest,
                request.Bundle is not null || request.Registry is not null,
                cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.Manifest is not null)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadInstalledOptions,
                "--manifest is only for --installed",
                "give --installed=PREFIX too, or drop --manifest");
        }

        var session = BundleTestSession.Start(context, request.Registry);
        await using (session.ConfigureAwait(false))
        {
            var name = request.Bundle ?? session.ChannelBundle("stable");
            var manifest = session.Manifest(name);
            await session.InstallAsync(name, cancellationToken).ConfigureAwait(false);
            var results = await session.SmokeAsync(manifest, cancellationToken).ConfigureAwait(false);
            session.Report($"TestBundle {name} ({session.Target})", results);
            context.Reporter.Success($"{name}: {results.Length} smoke check(s) passed on {session.Target}");
        }
    }

    /// <summary>
    /// Installs <paramref name="from"/>, upgrades to <paramref name="to"/>, checks
    /// no stale file remains, smoke-tests both, uninstalls and compares the prefix.
    /// </summary>
    public async Task TestUpgradeAsync(string from, string to, string? registry, CancellationToken cancellationToken)
    {
        var session = BundleTestSession.Start(context, registry);
        await using (session.ConfigureAwait(false))
        {
            var (first, second) = (from, to);
            var (firstManifest, secondManifest) = (session.Manifest(first), session.Manifest(second));

            // Something of the user's that must survive the whole cycle.
            Directory.CreateDirectory(Path.Combine(session.Prefix.Path, "bin"));
            await File.WriteAllTextAsync(
                Path.Combine(session.Prefix.Path, "bin", "users-own-tool"), "not ours\n", cancellationToken).ConfigureAwait(false);
            var before = session.Prefix.Listing();

            await session.InstallAsync(first, cancellationToken).ConfigureAwait(false);
            session.Report($"TestUpgrade {first}", await session.SmokeAsync(firstManifest, cancellationToken).ConfigureAwait(false));
            var oldReceipts = session.Prefix.Receipts();

            await session.InstallAsync(second, cancellationToken).ConfigureAwait(false);
            var newReceipts = session.Prefix.Receipts();
            var stale = oldReceipts.Values
                .SelectMany(receipt => receipt.StaleAfter(newReceipts.GetValueOrDefault(receipt.Component)))
                .Where(file => !newReceipts.Values.Any(receipt => receipt.Files.Contains(file)))
                .Where(session.Prefix.Has)
                .ToList();
            if (stale.Count > 0)
            {
                throw new UserErrorException(stale.Select(file => Diagnostic.Error(
                    DiagnosticCodes.Installing.StaleFile,
                    $"after upgrading {first} to {second}, '{file}' of {first} is still installed",
                    "install.sh must remove files the new receipt does not list")));
            }

            session.Report(
                $"TestUpgrade {first} -> {second}", await session.SmokeAsync(secondManifest, cancellationToken).ConfigureAwait(false));

            await session.UninstallAsync(cancellationToken).ConfigureAwait(false);
            var differences = before.DifferencesTo(session.Prefix.Listing());
            if (!differences.IsEmpty)
            {
                throw new UserErrorException(differences.Select(line => Diagnostic.Error(
                    DiagnosticCodes.Installing.PrefixNotRestored,
                    $"uninstall did not leave the prefix as it was: {line}",
                    "install.sh --uninstall must remove exactly what its receipts list, and the folders it created")));
            }

            context.Reporter.Success($"{first} -> {second}: upgraded with no stale file; uninstall restored the prefix");
        }
    }

    /// <summary>
    /// An ad-hoc combination checked against the declared ranges of versions.toml, built for this machine's target,
    /// published into a temporary registry, installed and smoke-tested; with <see cref="TestIntegrationRequest.Bundle"/>
    /// a combination already built and published into <see cref="TestIntegrationRequest.Registry"/>.
    /// </summary>
    public async Task TestIntegrationAsync(TestIntegrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(wanted, "core", request.Core);
        Add(wanted, "platform", request.Platform);
        Add(wanted, "workspace", request.Workspace);
        foreach (var pin in (request.Extensions ?? string.Empty).Split(
            ',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pin.Split('@', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw UserErrorException.Of(
                    DiagnosticCodes.Installing.BadExtension,
                    $"'--extensions {pin}' is not name@version",
                    "write --extensions mongodb@1.2.0,redis@1.0.0");
            }

            Add(wanted, "ext-" + parts[0], parts[1]);
        }

        if (wanted.Count == 0)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.NoVersions,
                "no component version given",
                "give --core=VERSION (and --platform, --workspace, --extensions as needed)");
        }

        string registryFolder;
        string name;
        using var work = new WorkFolder();
        if (request.Bundle is { } published)
        {
            name = published;
            registryFolder = request.Registry ?? Path.Combine(context.Paths.Artifacts, "registry");
        }
        else
        {
            var spec = await CheckedCombinationAsync(context, request.Versions, wanted, cancellationToken).ConfigureAwait(false);
            name = spec.Id;
            registryFolder = await BuildAndPublishAsync(spec, request.Versions, work.Path, cancellationToken).ConfigureAwait(false);
            foreach (var component in spec.Components)
            {
                wanted[component.Component.Id] = component.Version.ToNormalizedString();
            }
        }

        var session = BundleTestSession.Start(context, registryFolder);
        await using (session.ConfigureAwait(false))
        {
            var manifest = session.Manifest(name);
            var mismatches = wanted.Where(pair => manifest.VersionOf(pair.Key) != pair.Value).ToList();
            if (mismatches.Count > 0)
            {
                throw new UserErrorException(mismatches.Select(pair => Diagnostic.Error(
                    DiagnosticCodes.Installing.VersionMismatch,
                    $"bundle {name} has {pair.Key} {manifest.VersionOf(pair.Key) ?? "(none)"}, not the requested {pair.Value}",
                    "give the versions the bundle holds, or build the combination")));
            }

            await session.InstallAsync(name, cancellationToken).ConfigureAwait(false);
            var results = await session.SmokeAsync(manifest, cancellationToken).ConfigureAwait(false);
            session.Report($"TestIntegration {string.Join(' ', wanted.Select(pair => $"{pair.Key}@{pair.Value}"))}", results);
            context.Reporter.Success($"{name}: {results.Length} smoke check(s) passed on {session.Target}");
        }
    }

    private async Task SmokeInstalledAsync(
        string prefixOption, string? manifestOption, bool installOptions, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        if (installOptions)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadInstalledOptions,
                "--installed tests an install that is already there and takes no --bundle or --registry",
                "drop --bundle and --registry, or drop --installed to install from a registry");
        }

        if (manifestOption is null)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadInstalledOptions,
                "--installed needs --manifest=FILE, the bundle.json the install must match",
                "give --manifest (e.g. the release's bundle.json)");
        }

        var prefix = new InstalledPrefix(Path.GetFullPath(prefixOption, paths.Root));
        var manifestPath = Path.GetFullPath(manifestOption, paths.Root);
        if (!File.Exists(manifestPath))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadInstalledOptions,
                $"no manifest at '{paths.Display(manifestPath)}'",
                "give --manifest=FILE, a bundle.json");
        }

        if (!Directory.Exists(prefix.ReceiptsFolder))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadInstalledOptions,
                $"nothing is installed in '{paths.Display(prefix.Path)}' (no {InstallReceipt.Folder})",
                "install the bundle there first, or give the right --installed=PREFIX");
        }

        var manifest = BundleManifest.Read(
            await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false),
            paths.Display(manifestPath),
            DiagnosticCodes.Installing.BadManifest);
        var target = BundleTestSession.HostTargetOrFail();
        var results = await BundleTestSession.SmokeAsync(context, prefix, target, manifest, cancellationToken).ConfigureAwait(false);
        BundleTestSession.Report(context, $"TestBundle {manifest.Id} installed in {paths.Display(prefix.Path)} ({target})", results);
        context.Reporter.Success($"{manifest.Id}: {results.Length} smoke check(s) passed on {target}");
    }

    /// <summary>
    /// The combination as a custom bundle, refused (with the matrix's own diagnostics) when a declared range excludes it.
    /// </summary>
    private static async Task<BundleSpec> CheckedCombinationAsync(
        PhaseContext context, string? versionsOption, SortedDictionary<string, string> wanted, CancellationToken cancellationToken)
    {
        if (!wanted.TryGetValue("core", out var coreText))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.VersionNeeded,
                "building a combination needs --core",
                "give --core=VERSION, or test a published bundle with --bundle=NAME --registry=DIR");
        }

        var file = Path.GetFullPath(versionsOption ?? context.Paths.VersionsFile, context.Paths.Root);
        var display = context.Paths.Display(file);
        if (!File.Exists(file))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.NoVersionsFile,
                $"{display} does not exist",
                "run from the repository, or name the file with --versions");
        }

        TomlTable table;
        try
        {
            table = TomlParser.Parse(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), display);
        }
        catch (TomlException exception)
        {
            throw new UserErrorException(exception.Diagnostic);
        }

        var read = VersionsReader.FromTable(table, display);
        if (read.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(read.Diagnostics.Where(diagnostic => diagnostic.IsError));
        }

        var document = read.Document;
        var defaults = document.DefaultBundle;
        NuGetVersion Pick(string id) =>
            wanted.TryGetValue(id, out var text) ? NuGetVersion.Parse(text)
            : defaults?.Components.FirstOrDefault(component => component.Component.Id == id)?.Version
              ?? throw UserErrorException.Of(
                  DiagnosticCodes.Installing.VersionNeeded,
                  $"--{id} is needed (versions.toml has no default bundle to take it from)",
                  $"give --{id}=VERSION");
        var pins = wanted.Where(pair => pair.Key.StartsWith(ComponentId.ExtensionPrefix, StringComparison.Ordinal))
            .Select(pair => new BundleComponent(ComponentId.TryParse(pair.Key)!, NuGetVersion.Parse(pair.Value)));
        var spec = VersionsDocument.CustomBundle(null, NuGetVersion.Parse(coreText), Pick("platform"), Pick("workspace"), pins);
        var problems = VersionsValidator.ValidateSpec(document, spec);
        if (problems.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(problems.Where(diagnostic => diagnostic.IsError));
        }

        foreach (var warning in problems)
        {
            context.Reporter.Report(warning);
        }

        return spec;
    }

    /// <summary>
    /// The fetch, create-bundle (this machine's target only) and publish phases, in this process; before each, the
    /// command line that runs that step by hand. A step's failure is its own diagnostics and INS046 naming the step.
    /// </summary>
    private async Task<string> BuildAndPublishAsync(
        BundleSpec spec, string? versionsOption, string work, CancellationToken cancellationToken)
    {
        var target = BundleTestSession.HostTargetOrFail();
        var bundleFolder = Path.Combine(work, "bundles", spec.Id);
        var registryFolder = Path.Combine(work, "registry");
        var selection = BundleSelection.Of(spec, versionsOption);
        // fetch without --bundle: the combination is exported but not written into versions.lock.
        var fetch = selection with { Bundle = null };
        await StepAsync(
            "fetch",
            fetch.ToArguments(),
            token => new FetchPhase(context).RunAsync(new FetchBundlesRequest(fetch), token),
            cancellationToken).ConfigureAwait(false);
        await StepAsync(
            "create-bundle",
            [.. selection.ToArguments(), "--targets", target, "--output", bundleFolder],
            token => new CreateBundlePhase(context).RunAsync(new CreateBundleRequest(selection, target, bundleFolder), token),
            cancellationToken).ConfigureAwait(false);
        await StepAsync(
            "publish",
            ["--bundle", bundleFolder, "--registry", registryFolder],
            token => new PublishPhase(context).RunAsync(new PublishRequest(bundleFolder, registryFolder), token),
            cancellationToken).ConfigureAwait(false);
        return registryFolder;
    }

    private async Task StepAsync(
        string verb, ImmutableArray<string> arguments, Func<CancellationToken, Task> phase, CancellationToken cancellationToken)
    {
        var command = $"provisioning-dist {verb} {string.Join(' ', arguments)}";
        context.Reporter.Info(command);
        try
        {
            await phase(cancellationToken).ConfigureAwait(false);
        }
        catch (UserErrorException exception) when (exception.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(exception.Diagnostics.Append(Diagnostic.Error(
                DiagnosticCodes.Installing.StepFailed,
                $"provisioning-dist {verb} failed for the combination",
                $"run '{command}' to see every step")));
        }
    }

    private static void Add(SortedDictionary<string, string> wanted, string component, string? version)
    {
        if (version is null)
        {
            return;
        }

        if (!NuGetVersion.TryParse(version, out var parsed))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.BadVersion,
                $"'{version}' is not a version for {component}",
                "write a SemVer version such as 3.3.0");
        }

        wanted[component] = parsed.ToNormalizedString();
    }

    /// <summary>A temporary folder for the combination's bundle and registry, removed afterwards.</summary>
    private sealed class WorkFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("provisioning-integration-").FullName;

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // The system cleans temp later.
            }
        }
    }
}
