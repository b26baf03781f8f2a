using System.CommandLine;
using System.CommandLine.Invocation;

namespace Distribution.Cli.Hosting;

/// <summary>
/// How a program of ours runs its command line (provisioning-dist, and provisioning-dist-dev with the development
/// tools): the verbs under one root in name order, command-line mistakes in the one diagnostic format (exit 1; without a
/// verb, the verbs are listed too), and Ctrl+C cancelling the verb's work.
/// </summary>
public static class CommandLineHost
{
    public static RootCommand CreateRoot(string description, IEnumerable<ICliCommand> verbs, CliContext context)
    {
        var root = new RootCommand(description);
        foreach (var command in verbs.Select(verb => verb.Create(context)).OrderBy(command => command.Name, StringComparer.Ordinal))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(RootCommand root, CliContext context, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
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
    }
}
