using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-integration --core 3.3.0 [--platform V] [--workspace V] [--extensions a@V,…]</c>: an ad-hoc combination,
/// <see cref="InstallTestPhase.TestIntegrationAsync"/>: checked against the components' declared ranges (versions.toml),
/// fetched, built for this machine's target and published into a temporary registry by the fetch, create-bundle and
/// publish phases in this process, installed with install.sh and smoke-tested.
/// With <c>--bundle NAME --registry DIR</c> it tests a combination that was already built and published instead.
/// </summary>
public sealed class TestIntegrationCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var core = new Option<string?>("--core") { Description = "The core version (needed to build a combination)." };
        var platform = new Option<string?>("--platform") { Description = "The platform version (default: the default bundle's)." };
        var workspace = new Option<string?>("--workspace")
        {
            Description = "The workspace templates version (default: the default bundle's)."
        };
        var extensions = new Option<string?>("--extensions") { Description = "Extensions as name@version, comma-separated." };
        var bundle = new Option<string?>("--bundle")
        {
            Description = "Test this already published bundle (with --registry) instead of building the combination."
        };
        var registry = new Option<string?>("--registry")
        {
            Description = "With --bundle: the registry folder (default: artifacts/registry)."
        };
        var versions = new Option<string?>("--versions") { Description = "The versions file (default: version-management/versions.toml)." };
        var command = new Command(
            "test-integration",
            "Check an ad-hoc combination of component versions against the declared ranges, build, install and smoke-test it.")
        {
            core, platform, workspace, extensions, bundle, registry, versions,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var request = new TestIntegrationRequest(
                parse.GetValue(core),
                parse.GetValue(platform),
                parse.GetValue(workspace),
                parse.GetValue(extensions),
                parse.GetValue(bundle),
                parse.GetValue(registry),
                parse.GetValue(versions));
            await new InstallTestPhase(context).TestIntegrationAsync(request, token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
