using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Adapters.Installing;
using Distribution.Cli.Installing;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-bundle [--bundle NAME] [--registry DIR]</c>: serves the registry on 127.0.0.1, installs the bundle into a
/// temporary prefix with install.sh, and smoke-checks every component against the versions bundle.json gives.
/// <c>test-bundle --installed PREFIX --manifest bundle.json</c> smoke-checks an install that is already there (the
/// release workflow installs from the published registry over https, then checks against the release's bundle.json).
/// </summary>
public sealed class TestBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var bundle = new Option<string?>("--bundle") { Description = "The bundle to install (default: the registry's stable channel)." };
        var registry = new Option<string?>("--registry") { Description = "The registry folder (default: artifacts/registry)." };
        var installed = new Option<string?>("--installed") { Description = "Install nothing: smoke-test the install already in this prefix against --manifest." };
        var manifestFile = new Option<string?>("--manifest") { Description = "With --installed: the bundle.json the install must match (e.g. the release's)." };
        var command = new Command("test-bundle", "Install a bundle from a registry into a temporary prefix and smoke-test every component.") { bundle, registry, installed, manifestFile };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            if (parse.GetValue(installed) is { } prefix)
            {
                return await SmokeInstalledAsync(context, prefix, parse.GetValue(manifestFile), parse.GetValue(bundle) is not null || parse.GetValue(registry) is not null, token).ConfigureAwait(false);
            }

            if (parse.GetValue(manifestFile) is not null)
            {
                throw UserErrorException.Of(DiagnosticCodes.Installing.BadInstalledOptions, "--manifest is only for --installed", "give --installed=PREFIX too, or drop --manifest");
            }

            var session = BundleTestSession.Start(context, parse.GetValue(registry));
            await using (session.ConfigureAwait(false))
            {
                var name = parse.GetValue(bundle) ?? session.ChannelBundle("stable");
                var manifest = session.Manifest(name);
                await session.InstallAsync(name, token).ConfigureAwait(false);
                var results = await session.SmokeAsync(manifest, token).ConfigureAwait(false);
                session.Report($"TestBundle {name} ({session.Target})", results);
                context.Reporter.Success($"{name}: {results.Length} smoke check(s) passed on {session.Target}");
                return CommandRunner.Ok;
            }
        }, cancellationToken));
        return command;
    }

    private static async Task<int> SmokeInstalledAsync(CliContext context, string prefixOption, string? manifestOption, bool installOptions, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        if (installOptions)
        {
            throw UserErrorException.Of(DiagnosticCodes.Installing.BadInstalledOptions, "--installed tests an install that is already there and takes no --bundle or --registry", "drop --bundle and --registry, or drop --installed to install from a registry");
        }

        if (manifestOption is null)
        {
            throw UserErrorException.Of(DiagnosticCodes.Installing.BadInstalledOptions, "--installed needs --manifest=FILE, the bundle.json the install must match", "give --manifest (e.g. the release's bundle.json)");
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
            throw UserErrorException.Of(DiagnosticCodes.Installing.BadInstalledOptions, $"nothing is installed in '{paths.Display(prefix.Path)}' (no {InstallReceipt.Folder})", "install the bundle there first, or give the right --installed=PREFIX");
        }

        var manifest = BundleManifest.Parse(await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false), paths.Display(manifestPath));
        var target = BundleTestSession.HostTargetOrFail();
        var results = await BundleTestSession.SmokeAsync(context, prefix, target, manifest, cancellationToken).ConfigureAwait(false);
        BundleTestSession.Report(context, $"TestBundle {manifest.Bundle} installed in {paths.Display(prefix.Path)} ({target})", results);
        context.Reporter.Success($"{manifest.Bundle}: {results.Length} smoke check(s) passed on {target}");
        return CommandRunner.Ok;
    }
}
