using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Cli.Installing;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-upgrade --from A --to B [--registry DIR]</c>: installs A, upgrades to B, checks that no file of A's receipts
/// that B does not list remains, smoke-tests both, then uninstalls and compares the prefix with its listing before.
/// </summary>
public sealed class TestUpgradeCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var from = new Option<string>("--from") { Description = "The bundle installed first (e.g. lts-3.1).", Required = true };
        var to = new Option<string>("--to") { Description = "The bundle upgraded to (e.g. stable-3.2).", Required = true };
        var registry = new Option<string?>("--registry") { Description = "The registry folder (default: artifacts/registry)." };
        var command = new Command("test-upgrade", "Install a bundle, upgrade to another, check no stale file remains and uninstall leaves the prefix as it was.") { from, to, registry };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var session = BundleTestSession.Start(context, parse.GetValue(registry));
            await using (session.ConfigureAwait(false))
            {
                var (first, second) = (parse.GetValue(from)!, parse.GetValue(to)!);
                var (firstManifest, secondManifest) = (session.Manifest(first), session.Manifest(second));

                // Something of the user's that must survive the whole cycle.
                Directory.CreateDirectory(Path.Combine(session.Prefix.Path, "bin"));
                await File.WriteAllTextAsync(Path.Combine(session.Prefix.Path, "bin", "users-own-tool"), "not ours\n", token).ConfigureAwait(false);
                var before = session.Prefix.Listing();

                await session.InstallAsync(first, token).ConfigureAwait(false);
                session.Report($"TestUpgrade {first}", await session.SmokeAsync(firstManifest, token).ConfigureAwait(false));
                var oldReceipts = session.Prefix.Receipts();

                await session.InstallAsync(second, token).ConfigureAwait(false);
                var newReceipts = session.Prefix.Receipts();
                var stale = oldReceipts.Values
                    .SelectMany(receipt => receipt.StaleAfter(newReceipts.GetValueOrDefault(receipt.Component)))
                    .Where(file => !newReceipts.Values.Any(receipt => receipt.Files.Contains(file)))
                    .Where(session.Prefix.Has)
                    .ToList();
                if (stale.Count > 0)
                {
                    throw new UserErrorException(stale.Select(file => Diagnostic.Error(DiagnosticCodes.Installing.StaleFile, $"after upgrading {first} to {second}, '{file}' of {first} is still installed", "install.sh must remove files the new receipt does not list")));
                }

                session.Report($"TestUpgrade {first} -> {second}", await session.SmokeAsync(secondManifest, token).ConfigureAwait(false));

                await session.UninstallAsync(token).ConfigureAwait(false);
                var differences = before.DifferencesTo(session.Prefix.Listing());
                if (!differences.IsEmpty)
                {
                    throw new UserErrorException(differences.Select(line => Diagnostic.Error(DiagnosticCodes.Installing.PrefixNotRestored, $"uninstall did not leave the prefix as it was: {line}", "install.sh --uninstall must remove exactly what its receipts list, and the folders it created")));
                }

                context.Reporter.Success($"{first} -> {second}: upgraded with no stale file; uninstall restored the prefix");
                return CommandRunner.Ok;
            }
        }, cancellationToken));
        return command;
    }
}
