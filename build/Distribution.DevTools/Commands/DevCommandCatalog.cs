using System.Collections.Immutable;
using System.CommandLine;
using Distribution.Cli.Hosting;

namespace Distribution.DevTools.Commands;

/// <summary>The verbs of <c>provisioning-dist-dev</c>, in name order (a test checks that none is missing).</summary>
public static class DevCommandCatalog
{
    /// <summary>Every verb.</summary>
    public static ImmutableArray<ICliCommand> Verbs { get; } =
    [
        new BenchmarkCommand(),
        new TestReportCommand(),
        new TomlCommand(),
    ];

    public static RootCommand CreateRoot(CliContext context) =>
        CommandLineHost.CreateRoot(
            "provisioning-dist-dev: development tools of provisioning-distribution "
                + "(benchmark, test-report, toml decode); not part of the product.",
            Verbs,
            context);
}
