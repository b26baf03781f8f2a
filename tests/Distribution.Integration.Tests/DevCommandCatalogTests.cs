using Distribution.Cli.Commands;
using Distribution.Cli.Hosting;
using Distribution.DevTools.Commands;

namespace Distribution.Integration.Tests;

/// <summary>The development tools are their own program, and the product's program carries none of them.</summary>
public sealed class DevCommandCatalogTests
{
    [Fact]
    public void Every_verb_of_the_development_tools_is_in_their_catalog_and_none_is_a_verb_of_the_product()
    {
        var implementations = typeof(DevCommandCatalog).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .Order(StringComparer.Ordinal);
        var product = CommandCatalog.CreateRoot(CliContext.FromEnvironment()).Subcommands.Select(command => command.Name);
        var tools = DevCommandCatalog.CreateRoot(CliContext.FromEnvironment()).Subcommands.Select(command => command.Name).ToList();

        Assert.Equal(implementations, DevCommandCatalog.Verbs.Select(verb => verb.GetType().FullName).Order(StringComparer.Ordinal));
        Assert.Equal(["benchmark", "test-report", "toml"], tools);
        Assert.Empty(product.Intersect(tools));
        Assert.DoesNotContain(
            typeof(CommandCatalog).Assembly.GetReferencedAssemblies(),
            name => name.Name == typeof(DevCommandCatalog).Assembly.GetName().Name);
    }
}
