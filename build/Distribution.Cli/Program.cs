using System.CommandLine.Invocation;
using Distribution.Cli.Commands;
using Distribution.Cli.Hosting;

var context = CliContext.FromEnvironment();
var root = CommandCatalog.CreateRoot(context);
var parse = root.Parse(args);
if (parse.Action is ParseErrorAction)
{
    // Command-line mistakes in the one diagnostic format (exit 1); without a verb, the verbs are listed too.
    foreach (var diagnostic in ParseErrors.Diagnostics(parse))
    {
        context.Reporter.Report(diagnostic);
    }

    if (parse.CommandResult.Command == root)
    {
        await root.Parse(["--help"]).InvokeAsync().ConfigureAwait(false);
    }

    return CommandRunner.UserError;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};
return await parse.InvokeAsync(cancellationToken: cancellation.Token).ConfigureAwait(false);
