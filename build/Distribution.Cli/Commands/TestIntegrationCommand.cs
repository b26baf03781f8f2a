using System.Collections.Immutable;
using System.CommandLine;
using Distribution.Adapters.Processes;
using Distribution.Cli.Hosting;
using Distribution.Cli.Installing;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-integration --core 3.3.0 [--platform V] [--workspace V] [--extensions a@V,…]</c>: an ad-hoc combination,
/// checked against the components' declared ranges (versions.toml), fetched, built for this machine's target
/// (fetch, create-bundle), published into a temporary registry (publish), installed with install.sh and smoke-tested.
/// With <c>--bundle NAME --registry DIR</c> it tests a combination that was already built and published instead.
/// </summary>
public sealed class TestIntegrationCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var core = new Option<string?>("--core") { Description = "The core version (needed to build a combination)." };
        var platform = new Option<string?>("--platform") { Description = "The platform version (default: the default bundle's)." };
        var workspace = new Option<string?>("--workspace") { Description = "The workspace templates version (default: the default bundle's)." };
        var extensions = new Option<string?>("--extensions") { Description = "Extensions as name@version, comma-separated." };
        var bundle = new Option<string?>("--bundle") { Description = "Test this already published bundle (with --registry) instead of building the combination." };
        var registry = new Option<string?>("--registry") { Description = "With --bundle: the registry folder (default: artifacts/registry)." };
        var versions = new Option<string?>("--versions") { Description = "The versions file (default: version-management/versions.toml)." };
        var command = new Command("test-integration", "Check an ad-hoc combination of component versions against the declared ranges, build, install and smoke-test it.")
        {
            core, platform, workspace, extensions, bundle, registry, versions,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Add(wanted, "core", parse.GetValue(core));
            Add(wanted, "platform", parse.GetValue(platform));
            Add(wanted, "workspace", parse.GetValue(workspace));
            foreach (var pin in (parse.GetValue(extensions) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pin.Split('@', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw UserErrorException.Of(DiagnosticCodes.Installing.BadExtension, $"'--extensions {pin}' is not name@version", "write --extensions mongodb@1.2.0,redis@1.0.0");
                }

                Add(wanted, "ext-" + parts[0], parts[1]);
            }

            if (wanted.Count == 0)
            {
                throw UserErrorException.Of(DiagnosticCodes.Installing.NoVersions, "no component version given", "give --core=VERSION (and --platform, --workspace, --extensions as needed)");
            }

            string registryFolder;
            string name;
            using var work = new WorkFolder();
            if (parse.GetValue(bundle) is { } published)
            {
                name = published;
                registryFolder = parse.GetValue(registry) ?? Path.Combine(context.Paths.Artifacts, "registry");
            }
            else
            {
                var spec = await CheckedCombinationAsync(context, parse.GetValue(versions), wanted, token).ConfigureAwait(false);
                name = spec.Id;
                registryFolder = await BuildAndPublishAsync(context, spec, parse.GetValue(versions), work.Path, token).ConfigureAwait(false);
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
                    throw new UserErrorException(mismatches.Select(pair => Diagnostic.Error(DiagnosticCodes.Installing.VersionMismatch, $"bundle {name} has {pair.Key} {manifest.VersionOf(pair.Key) ?? "(none)"}, not the requested {pair.Value}", "give the versions the bundle holds, or build the combination")));
                }

                await session.InstallAsync(name, token).ConfigureAwait(false);
                var results = await session.SmokeAsync(manifest, token).ConfigureAwait(false);
                session.Report($"TestIntegration {string.Join(' ', wanted.Select(pair => $"{pair.Key}@{pair.Value}"))}", results);
                context.Reporter.Success($"{name}: {results.Length} smoke check(s) passed on {session.Target}");
                return CommandRunner.Ok;
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>The combination as a custom bundle, refused (with the matrix's own diagnostics) when a declared range excludes it.</summary>
    private static async Task<BundleSpec> CheckedCombinationAsync(CliContext context, string? versionsOption, SortedDictionary<string, string> wanted, CancellationToken cancellationToken)
    {
        if (!wanted.TryGetValue("core", out var coreText))
        {
            throw UserErrorException.Of(DiagnosticCodes.Installing.VersionNeeded, "building a combination needs --core", "give --core=VERSION, or test a published bundle with --bundle=NAME --registry=DIR");
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
              ?? throw UserErrorException.Of(DiagnosticCodes.Installing.VersionNeeded, $"--{id} is needed (versions.toml has no default bundle to take it from)", $"give --{id}=VERSION");
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

    /// <summary>fetch, create-bundle (this machine's target only) and publish, each as our own CLI in a child process.</summary>
    private static async Task<string> BuildAndPublishAsync(CliContext context, BundleSpec spec, string? versionsOption, string work, CancellationToken cancellationToken)
    {
        var combination = ImmutableArray.CreateBuilder<string>();
        combination.AddRange("--bundle", spec.Id);
        foreach (var component in spec.Components.Where(component => component.Component.Kind != ComponentKind.Extension))
        {
            combination.AddRange("--" + component.Component.Id, component.Version.ToNormalizedString());
        }

        var pins = spec.Components.Where(component => component.Component.Kind == ComponentKind.Extension).Select(component => $"{component.Component.Name}@{component.Version.ToNormalizedString()}").ToList();
        if (pins.Count > 0)
        {
            combination.AddRange("--extensions", string.Join(',', pins));
        }

        if (versionsOption is not null)
        {
            combination.AddRange("--versions", versionsOption);
        }

        var target = Distribution.Core.Installing.HostTarget.Of(OperatingSystem.IsLinux(), OperatingSystem.IsMacOS(), System.Runtime.InteropServices.RuntimeInformation.OSArchitecture)
            ?? throw UserErrorException.Of(DiagnosticCodes.Installing.UnsupportedHost, "no bundle is built for this machine", "run the bundle tests on linux or macOS, x64 or arm64");
        var bundleFolder = Path.Combine(work, "bundles", spec.Id);
        var registryFolder = Path.Combine(work, "registry");
        // fetch without --bundle: the combination is exported but not written into versions.lock.
        await RunStepAsync(context, "fetch", [.. combination.Skip(2)], cancellationToken).ConfigureAwait(false);
        await RunStepAsync(context, "create-bundle", [.. combination, "--targets", target, "--output", bundleFolder], cancellationToken).ConfigureAwait(false);
        await RunStepAsync(context, "publish", ["--bundle", bundleFolder, "--registry", registryFolder], cancellationToken).ConfigureAwait(false);
        return registryFolder;
    }

    private static async Task RunStepAsync(CliContext context, string verb, ImmutableArray<string> arguments, CancellationToken cancellationToken)
    {
        context.Reporter.Info($"provisioning-dist {verb} {string.Join(' ', arguments)}");
        var spec = ThisProgram.Command([verb, .. arguments]) with
        {
            WorkingDirectory = context.Paths.Root,
            Environment = ImmutableDictionary<string, string?>.Empty.Add("PROVISIONING_DIST_ROOT", context.Paths.Root).Add("PROVISIONING_DIST_PLAIN", "1"),
        };
        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw UserErrorException.Of(DiagnosticCodes.Installing.StepFailed, $"provisioning-dist {verb} failed for the combination (exit {result.ExitCode}): {result.Tail(5)}", $"run 'provisioning-dist {verb} {string.Join(' ', arguments)}' to see every step");
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
