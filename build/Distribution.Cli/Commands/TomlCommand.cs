using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>toml decode</c>: the toml-test decoder protocol. TOML on standard input, its tagged JSON on standard output and
/// exit 0; for invalid TOML one diagnostic on standard error and exit 1.
/// </summary>
public sealed class TomlCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decode = new Command("decode", "Read TOML from standard input and print it as toml-test tagged JSON (exit 1 and a diagnostic on standard error when it is invalid).");
        decode.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            byte[] input;
            using (var stdin = Console.OpenStandardInput())
            using (var memory = new MemoryStream())
            {
                await stdin.CopyToAsync(memory, token).ConfigureAwait(false);
                input = memory.ToArray();
            }

            TomlTable document;
            try
            {
                document = TomlParser.Parse(input, "stdin");
            }
            catch (TomlException exception)
            {
                throw new UserErrorException(exception.Diagnostic);
            }

            context.Reporter.Info(TomlTaggedJson.Encode(document));
            return CommandRunner.Ok;
        }, cancellationToken));

        return new Command("toml", "TOML tools: 'toml decode' is the toml-test decoder (TOML on standard input, tagged JSON on standard output).") { decode };
    }
}
