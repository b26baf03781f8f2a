using System.CommandLine;
using System.Text;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;
using Distribution.DevTools.Toml;

namespace Distribution.DevTools.Commands;

/// <summary>
/// <c>toml decode</c>: the toml-test decoder protocol. TOML on standard input, its tagged JSON on standard output and
/// exit 0; for invalid TOML one diagnostic on standard error and exit 1. Both are written straight to the streams,
/// unmasked and unwrapped, with no annotation.
/// </summary>
public sealed class TomlCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decode = new Command(
            "decode",
            "Read TOML from standard input and print it as toml-test tagged JSON "
                + "(exit 1 and a diagnostic on standard error when it is invalid).");
        decode.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            byte[] input;
            using (var stdin = Console.OpenStandardInput())
            using (var memory = new MemoryStream())
            {
                await stdin.CopyToAsync(memory, token).ConfigureAwait(false);
                input = memory.ToArray();
            }

            // The protocol's output is data, written as it is: not through the reporter, which masks secrets (a
            // string value that happens to equal a token would change), styles and wraps lines in a terminal, and adds
            // annotations on GitHub Actions.
            TomlTable document;
            try
            {
                document = TomlParser.Parse(input, "stdin");
            }
            catch (TomlException exception)
            {
                await WriteAsync(
                    Console.OpenStandardError(), DiagnosticFormatter.Format(exception.Diagnostic) + "\n", token).ConfigureAwait(false);
                return CommandRunner.UserError;
            }

            await WriteAsync(Console.OpenStandardOutput(), TomlTaggedJson.Encode(document) + "\n", token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));

        return new Command(
            "toml",
            "TOML tools: 'toml decode' is the toml-test decoder (TOML on standard input, tagged JSON on standard output).") { decode };
    }

    /// <summary>UTF-8 bytes straight onto a standard stream, whatever the console's encoding.</summary>
    private static async Task WriteAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
