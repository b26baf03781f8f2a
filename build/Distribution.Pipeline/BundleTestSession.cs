using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Distribution.Adapters.Http;
using Distribution.Adapters.Installing;
using Distribution.Adapters.Processes;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;

namespace Distribution.Pipeline;

/// <summary>
/// What the bundle-test verbs share: a registry folder served on 127.0.0.1, install.sh run into a temporary
/// prefix, the smoke checks of the installed bundle, and their report (table and step summary).
/// </summary>
internal sealed class BundleTestSession : IAsyncDisposable
{
    private readonly PhaseContext context;
    private readonly StaticFileServer server;

    private BundleTestSession(PhaseContext context, string registry, StaticFileServer server, string prefix, string target)
    {
        this.context = context;
        Registry = registry;
        this.server = server;
        Prefix = new InstalledPrefix(prefix);
        Target = target;
        // The installer the registry publishes (it carries the registry's public key), as users run it.
        var published = Path.Combine(registry, "installers", "install.sh");
        Script = new InstallScript(File.Exists(published) ? published : Path.Combine(context.Paths.Installers, "install.sh"));
    }

    public string Registry { get; }

    public InstalledPrefix Prefix { get; }

    public string Target { get; }

    public InstallScript Script { get; }

    public string RegistryUrl => server.BaseUrl;

    public static BundleTestSession Start(PhaseContext context, string? registryOption)
    {
        var registry = Path.GetFullPath(registryOption ?? Path.Combine(context.Paths.Artifacts, "registry"), context.Paths.Root);
        if (!File.Exists(Path.Combine(registry, BundleFiles.RegistryIndex)))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.NoRegistry,
                $"no registry at '{context.Paths.Display(registry)}' (index.json is missing)",
                "publish one first (./build.sh --target=PublishBundle) or give --registry=DIR");
        }

        var target = HostTargetOrFail();
        var prefix = Directory.CreateTempSubdirectory("provisioning-bundle-test-").FullName;
        return new BundleTestSession(context, registry, StaticFileServer.Start(registry), prefix, target);
    }

    /// <summary>The bundle a channel of the registry's index.json points at.</summary>
    public string ChannelBundle(string channel)
    {
        var index = Path.Combine(Registry, BundleFiles.RegistryIndex);
        if (RegistryIndexJson.Parse(File.ReadAllText(index), context.Paths.Display(index)).Channels.TryGetValue(channel, out var id))
        {
            return id;
        }

        throw UserErrorException.At(
            SourceLocation.InFile(context.Paths.Display(index)),
            DiagnosticCodes.Installing.UnknownChannel,
            $"the registry has no '{channel}' channel",
            "give --bundle=NAME");
    }

    public BundleManifest Manifest(string bundle)
    {
        var file = Path.Combine(Registry, "bundles", bundle, BundleFiles.Manifest);
        if (!File.Exists(file))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.UnknownBundle,
                $"the registry has no bundle '{bundle}' ({context.Paths.Display(file)} is missing)",
                "check --bundle against the registry's index.json");
        }

        return BundleManifest.Read(File.ReadAllText(file), context.Paths.Display(file), DiagnosticCodes.Installing.BadManifest);
    }

    /// <summary>Installs (or upgrades to) a bundle with install.sh over HTTP; a failure is INS020 with the installer's own words.</summary>
    public async Task InstallAsync(string bundle, CancellationToken cancellationToken)
    {
        context.Reporter.Info($"installing {bundle} from {RegistryUrl} into {Prefix.Path} ({Target})");
        var result = await Script.InstallAsync(RegistryUrl, Prefix.Path, ["--bundle", bundle], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.InstallFailed,
                $"install.sh could not install {bundle} (exit {result.ExitCode}): {result.Tail(3)}",
                "fix the bundle or the registry; run installers/install.sh by hand to see every step");
        }
    }

    public async Task UninstallAsync(CancellationToken cancellationToken)
    {
        var result = await Script.UninstallAsync(Prefix.Path, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Installing.UninstallFailed,
                $"install.sh --uninstall failed (exit {result.ExitCode}): {result.Tail(3)}",
                "run installers/install.sh --uninstall by hand to see every step");
        }
    }

    /// <summary>Runs the smoke checks of a bundle against the prefix.</summary>
    public Task<ImmutableArray<SmokeResult>> SmokeAsync(BundleManifest manifest, CancellationToken cancellationToken) =>
        SmokeAsync(context, Prefix, Target, manifest, cancellationToken);

    /// <summary>Runs the smoke checks of a bundle against any prefix (one installed elsewhere, e.g. from a published registry).</summary>
    public static async Task<ImmutableArray<SmokeResult>> SmokeAsync(
        PhaseContext context, InstalledPrefix prefix, string target, BundleManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(prefix);
        var checks = SmokeCheckPlanner.Plan(manifest, target, prefix.Receipts());
        var runner = new SmokeRunner(prefix, FindNu(context));
        return await runner.RunAsync(checks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This machine's build target; INS011 when no bundle is built for it.</summary>
    public static string HostTargetOrFail() =>
        HostTarget.Of(OperatingSystem.IsLinux(), OperatingSystem.IsMacOS(), RuntimeInformation.OSArchitecture)
            ?? throw UserErrorException.Of(
                DiagnosticCodes.Installing.UnsupportedHost,
                $"no bundle is built for this machine ({RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture})",
                "run the bundle tests on linux or macOS, x64 or arm64");

    /// <summary>Prints the table and step summary; throws INS030 when a check failed.</summary>
    public void Report(string title, ImmutableArray<SmokeResult> results) => Report(context, title, results);

    /// <summary>Prints the table and step summary; throws INS030 when a check failed.</summary>
    public static void Report(PhaseContext context, string title, ImmutableArray<SmokeResult> results)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Reporter.Table(SmokeReport.Table(title, results));
        context.Reporter.StepSummary(SmokeReport.Summary(title, results));
        var failed = results.Where(result => !result.Passed).ToList();
        if (failed.Count > 0)
        {
            throw new UserErrorException(failed.Select(result => Diagnostic.Error(
                DiagnosticCodes.Installing.SmokeFailed,
                $"{title}: {result.Check.Component} {result.Check.ExpectedVersion} failed "
                    + $"its smoke check ({result.Check.Describe()}): {result.Seen}",
                result.Fix ?? "the installed files do not work as bundle.json says; fix the component's packaging")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Prefix.Path, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the system cleans temp later.
        }
    }

    private static string? FindNu(PhaseContext context)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(
            Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Prepend(Path.Combine(context.Paths.Root, "tools", "node_modules", ".bin"));
        return folders.Select(folder => Path.Combine(folder, "nu")).FirstOrDefault(File.Exists);
    }
}
