using System.CommandLine;

namespace Distribution.Cli.Hosting;

/// <summary>
/// One verb of the command line. Every non-abstract implementation in this assembly is found by
/// <see cref="CommandCatalog"/>, so adding a verb is adding a file.
/// </summary>
public interface ICliCommand
{
    Command Create(CliContext context);
}
