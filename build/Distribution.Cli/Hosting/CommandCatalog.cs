using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace Distribution.Cli.Hosting;

/// <summary>Builds the root command from every <see cref="ICliCommand"/> in this assembly, in name order.</summary>
public static class CommandCatalog
{
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The CLI is not trimmed.")]
    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("provisioning-dist: validates, fetches, builds, packages and publishes coordinated provisioning bundles.");
        var commands = typeof(CommandCatalog).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(type))
            .Select(type => ((ICliCommand)Activator.CreateInstance(type)!).Create(context))
            .OrderBy(command => command.Name, StringComparer.Ordinal);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
