using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-upgrade --from A --to B [--registry DIR]</c>: <see cref="InstallTestPhase.TestUpgradeAsync"/>;
/// installs A, upgrades to B, checks that no file of A's receipts
/// that B does not list remains, smoke-tests both, then uninstalls and compares the prefix with its listing before.
/// </summary>
public sealed class TestUpgradeCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The bundle installed first (e.g. lts-3.1).", Required = true };
        var to = new Option<string>("--to") { Description = "The bundle upgraded to (e.g. stable-3.2).", Required = true };
        var registry = new Option<string?>("--registry") { Description = "The registry folder (default: artifacts/registry)." };
        var command = new Command(
            "test-upgrade",
            "Install a bundle, upgrade to another, check no stale file remains and uninstall leaves the prefix as it was.")
            {
                from,
                to,
                registry
            };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            await new InstallTestPhase(context).TestUpgradeAsync(
                parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(registry), token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
