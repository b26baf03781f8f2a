using System.CommandLine;

namespace Distribution.Cli.Hosting;

/// <summary>
/// One verb of the command line, listed in CommandCatalog.Verbs (Distribution.Cli.Commands) (a test fails for an implementation
/// that is not).
/// </summary>
public interface ICliCommand
{
    Command Create(CliContext context);
}
