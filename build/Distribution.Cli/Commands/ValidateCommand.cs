using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Versions;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>validate [--versions PATH] [--format text|json] [--output FILE]</c>: checks versions.toml and lists every problem
/// at once. With --output the report (the JSON document, or the diagnostics and the summary line) is also written,
/// atomically, to FILE: through build.sh Cake's own lines surround standard output, so machines read the file.
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var versions = new Option<string?>("--versions") { Description = "The versions file (default version-management/versions.toml)." };
        var format = new Option<string>("--format") { Description = "text (default) or json (one JSON document on standard output, for machines).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--output") { Description = "Also write the report (in --format) to this file, atomically; a relative path is under the repository root." };
        var command = new Command("validate", "Check versions.toml: syntax, keys, versions, ranges, bundles against the matrix, dates. Lists every problem at once.") { versions, format, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var file = VersionsLoader.Resolve(context, parse.GetValue(versions));
            var text = await VersionsLoader.ReadTextAsync(context, file, token).ConfigureAwait(false);
            var display = context.Paths.Display(file);
            var result = VersionsChecker.Check(text, display, VersionsLoader.Today);
            var valid = !result.Diagnostics.Any(diagnostic => diagnostic.IsError);
            var summary = VersionsChecker.Summary(result, display);
            var json = parse.GetValue(format) == "json";
            if (parse.GetValue(output) is { Length: > 0 } outputFile)
            {
                var outputPath = Path.GetFullPath(Path.Combine(context.Paths.Root, outputFile));
                var report = json
                    ? Json(display, result, valid) + "\n"
                    : string.Concat(result.Diagnostics.Select(diagnostic => DiagnosticFormatter.Format(diagnostic) + "\n")) + summary + "\n";
                await AtomicFile.WriteAllTextAsync(outputPath, report, token).ConfigureAwait(false);
                if (json)
                {
                    // The document is in the file; standard output gets only the summary, for people.
                    context.Reporter.Info($"{summary} (report: {context.Paths.Display(outputPath)})");
                    return valid ? CommandRunner.Ok : CommandRunner.UserError;
                }
            }

            if (json)
            {
                context.Reporter.Info(Json(display, result, valid));
                return valid ? CommandRunner.Ok : CommandRunner.UserError;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                context.Reporter.Report(diagnostic);
            }

            if (valid)
            {
                context.Reporter.Success(summary);
            }
            else
            {
                context.Reporter.Info(summary);
            }

            context.Reporter.StepSummary($"### versions.toml\n\n{summary}\n");
            return valid ? CommandRunner.Ok : CommandRunner.UserError;
        }, cancellationToken));
        return command;
    }

    private static string Json(string file, VersionsReadResult result, bool valid)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteBoolean("valid", valid);
            writer.WriteNumber("errors", result.Diagnostics.Count(diagnostic => diagnostic.IsError));
            writer.WriteNumber("warnings", result.Diagnostics.Count(diagnostic => !diagnostic.IsError));
            writer.WriteStartArray("diagnostics");
            foreach (var diagnostic in result.Diagnostics)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", diagnostic.IsError ? "error" : "warning");
                writer.WriteString("code", diagnostic.Code);
                writer.WriteString("file", diagnostic.Location.File);
                writer.WriteNumber("line", diagnostic.Location.Line);
                writer.WriteNumber("column", diagnostic.Location.Column);
                writer.WriteString("message", diagnostic.Message);
                writer.WriteString("fix", diagnostic.Fix);
                writer.WriteString("text", DiagnosticFormatter.Format(diagnostic));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("bundles");
            foreach (var bundle in result.Document.Bundles)
            {
                writer.WriteStartObject();
                writer.WriteString("id", bundle.Id);
                writer.WriteString("kind", bundle.Kind.ToString().ToLowerInvariant());
                writer.WriteString("releaseDate", bundle.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteString("ltsUntil", bundle.LtsUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("defaultBundle", result.Document.DefaultBundle?.Id);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
