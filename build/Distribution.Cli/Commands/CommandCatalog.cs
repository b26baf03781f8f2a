using System.Collections.Immutable;
using System.CommandLine;
using Distribution.Cli.Hosting;

namespace Distribution.Cli.Commands;

/// <summary>
/// Builds the root command from every verb, in name order. The verbs are listed here rather than found by
/// reflection: reading every type of the assembly cost each run milliseconds before it could parse a word (a test
/// checks that no ICliCommand is missing from the list).
/// </summary>
public static class CommandCatalog
{
    /// <summary>Every verb.</summary>
    public static ImmutableArray<ICliCommand> Verbs { get; } =
    [
        new AssembleBundleCommand(),
        new CreateBundleCommand(),
        new FetchCommand(),
        new KeyGenCommand(),
        new NewBundleCommand(),
        new PublishCommand(),
        new ReleaseNotesCommand(),
        new TestBundleCommand(),
        new TestIntegrationCommand(),
        new TestUpgradeCommand(),
        new ValidateCommand(),
    ];

    public static RootCommand CreateRoot(CliContext context) =>
        CommandLineHost.CreateRoot(
            "provisioning-dist: validates, fetches, builds, packages and publishes coordinated provisioning bundles.", Verbs, context);
}
