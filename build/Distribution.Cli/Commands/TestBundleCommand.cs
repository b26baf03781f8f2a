using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Cli.Installing;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-bundle [--bundle NAME] [--registry DIR]</c>: serves the registry on 127.0.0.1, installs the bundle into a
/// temporary prefix with install.sh, and smoke-checks every component against the versions bundle.json gives.
/// </summary>
public sealed class TestBundleCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var bundle = new Option<string?>("--bundle") { Description = "The bundle to install (default: the registry's stable channel)." };
        var registry = new Option<string?>("--registry") { Description = "The registry folder (default: artifacts/registry)." };
        var command = new Command("test-bundle", "Install a bundle from a registry into a temporary prefix and smoke-test every component.") { bundle, registry };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
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
}
