using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-bundle [--bundle NAME] [--registry DIR]</c>: <see cref="InstallTestPhase.TestBundleAsync"/>;
/// serves the registry on 127.0.0.1, installs the bundle into a
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
        var installed = new Option<string?>("--installed")
        {
            Description = "Install nothing: smoke-test the install already in this prefix against --manifest."
        };
        var manifestFile = new Option<string?>("--manifest")
        {
            Description = "With --installed: the bundle.json the install must match (e.g. the release's)."
        };
        var command = new Command(
            "test-bundle",
            "Install a bundle from a registry into a temporary prefix and smoke-test every component.")
            {
                bundle,
                registry,
                installed,
                manifestFile
            };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            await new InstallTestPhase(context).TestBundleAsync(
                new TestBundleRequest(
                    parse.GetValue(bundle), parse.GetValue(registry), parse.GetValue(installed), parse.GetValue(manifestFile)),
                token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
