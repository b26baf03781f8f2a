using Distribution.Cli.Commands;
using Distribution.Cli.Hosting;

var context = CliContext.FromEnvironment();
return await CommandLineHost.RunAsync(CommandCatalog.CreateRoot(context), context, args).ConfigureAwait(false);
