using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Hosting;

/// <summary>
/// Command-line mistakes (an unknown option or verb, a missing required option, a value not among those allowed)
/// as the one diagnostic format: <c>error PD0005: unknown option '--bogus' for validate — run provisioning-dist
/// validate --help to see the options</c>, one line each, instead of System.CommandLine's own text.
/// </summary>
public static partial class ParseErrors
{
    public const string Code = DiagnosticCodes.Tool.CommandLine;

    private const string Program = "provisioning-dist";

    /// <summary>One diagnostic per parse error, in the order System.CommandLine found them.</summary>
    public static IReadOnlyList<Diagnostic> Diagnostics(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var unmatched = parse.UnmatchedTokens.ToHashSet(StringComparer.Ordinal);
        var errors = parse.Errors
            .Select(error => (
                Error: error,
                Command: CommandOf(error.SymbolResult) ?? parse.CommandResult,
                Token: Unrecognized().Match(error.Message) is { Success: true } match && unmatched.Contains(match.Groups[1].Value)
                    ? match.Groups[1].Value
                    : null))
            .ToList();
        var diagnostics = new List<Diagnostic>();
        foreach (var (error, command, token) in errors)
        {
            var path = PathOf(command);
            var help = path.Length == 0 ? $"{Program} --help" : $"{Program} {path} --help";
            var subcommands = command.Command.Subcommands.Select(subcommand => subcommand.Name).Order(StringComparer.Ordinal).ToList();
            if (token is null && subcommands.Count > 0 && NoCommand().IsMatch(error.Message))
            {
                // "provisioning-dist nope" is one mistake, the unknown command, not also a missing one.
                if (!errors.Any(other => other.Token is { } word && !word.StartsWith('-') && other.Command == command))
                {
                    diagnostics.Add(Diagnostic.Error(
                        Code,
                        $"{(path.Length == 0 ? Program : path)} needs a command",
                        $"use one of: {string.Join(", ", subcommands)} ({help} describes them)"));
                }

                continue;
            }

            diagnostics.Add(token switch
            {
                not null when token.StartsWith('-') =>
                    Diagnostic.Error(Code, $"unknown option '{token}'{For(path)}", $"run {help} to see the options"),
                not null when subcommands.Count > 0 =>
                    Diagnostic.Error(
                        Code,
                        $"unknown command '{token}'{For(path)}",
                        $"use one of: {string.Join(", ", subcommands)} ({help} describes them)"),
                not null =>
                    Diagnostic.Error(Code, $"unexpected argument '{token}'{For(path)}", $"run {help} to see the arguments and options"),
                _ =>
                    Diagnostic.Error(
                        Code,
                        $"{(path.Length == 0 ? string.Empty : path + ": ")}{Flatten(error.Message)}",
                        $"run {help} to see the {(subcommands.Count > 0 ? "commands" : "options")}"),
            });
        }

        return diagnostics;
    }

    private static string For(string path) => path.Length == 0 ? string.Empty : $" for {path}";

    private static CommandResult? CommandOf(SymbolResult? result)
    {
        for (var current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>The verbs from the root down to <paramref name="command"/>, such as <c>toml decode</c>; empty for the root.</summary>
    private static string PathOf(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? current = command; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: not RootCommand } named)
            {
                names.Insert(0, named.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    /// <summary>System.CommandLine's message as one line without its closing period, starting in lower case.</summary>
    private static string Flatten(string message)
    {
        var line = Sentences().Replace(
            Whitespace().Replace(message, " ").Trim().TrimEnd('.'), match => "; " + char.ToLowerInvariant(match.Groups[1].Value[0]));
        return line.Length > 1 && char.IsUpper(line[0]) && !char.IsUpper(line[1]) ? char.ToLowerInvariant(line[0]) + line[1..] : line;
    }

    [GeneratedRegex(@"^Unrecognized command or argument '(.*)'\.?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Unrecognized();

    [GeneratedRegex(@"^Required command was not provided\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoCommand();

    [GeneratedRegex(@"\. ([A-Z])(?=[a-z])", RegexOptions.CultureInvariant)]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
