using Distribution.Cli.Hosting;

var context = CliContext.FromEnvironment();
var root = CommandCatalog.CreateRoot(context);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};
return await root.Parse(args).InvokeAsync(cancellationToken: cancellation.Token).ConfigureAwait(false);
