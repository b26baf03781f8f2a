using Distribution.Cli.Hosting;
using Distribution.DevTools.Commands;

// provisioning-dist-dev: the development tools (benchmark, test-report, toml decode), hosted as the product's verbs are.
var context = CliContext.FromEnvironment();
return await CommandLineHost.RunAsync(DevCommandCatalog.CreateRoot(context), context, args).ConfigureAwait(false);
