using Distribution.Cli.Commands;
using Distribution.Cli.Hosting;

namespace Distribution.Integration.Tests;

public sealed class CommandCatalogTests
{
    [Fact]
    public void Every_verb_of_the_program_is_in_the_catalog_once_and_the_root_lists_them_in_name_order()
    {
        var implementations = typeof(ICliCommand).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(implementations, CommandCatalog.Verbs.Select(verb => verb.GetType().FullName).Order(StringComparer.Ordinal));

        var names = CommandCatalog.CreateRoot(CliContext.FromEnvironment()).Subcommands.Select(command => command.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(StringComparer.Ordinal), names);
        Assert.Contains("create-bundle", names);
    }
}
