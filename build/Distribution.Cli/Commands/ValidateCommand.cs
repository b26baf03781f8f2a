using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Distribution.Adapters.Files;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;
using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;
using Distribution.Core.Versions;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>validate [--versions PATH] [--format text|json] [--report FILE]</c>: the <see cref="ValidatePhase"/>: checks versions.toml and lists
/// every problem at once; the JSON report also names the bundle each channel points at. --report also writes that JSON document,
/// atomically, to FILE: through build.sh, Cake's own lines surround standard output, so machines read the file.
/// </summary>
public sealed class ValidateCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var versions = new Option<string?>("--versions") { Description = "The versions file (default version-management/versions.toml)." };
        var format = new Option<string>("--format")
        {
            Description = "text (default) or json (one JSON document on standard output, "
                + "for machines: diagnostics, bundles, channels, the default bundle).",
            DefaultValueFactory = _ => "text"
        };
        format.AcceptOnlyFromAmong("text", "json");
        var report = new Option<string?>("--report")
        {
            Description = "Also write the JSON document (as --format=json prints it) to "
                + "this file, whatever --format is; CI reads it (e.g. .channels.lts)."
        };
        var command = new Command(
            "validate",
            "Check versions.toml: syntax, keys, versions, ranges, bundles against the matrix, dates. Lists every problem at once.")
            {
                versions,
                format,
                report
            };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var (display, result) = await new ValidatePhase(context).RunAsync(parse.GetValue(versions), token).ConfigureAwait(false);
            var valid = !result.Diagnostics.Any(diagnostic => diagnostic.IsError);
            var json = Json(display, result, valid);
            if (parse.GetValue(report) is { } reportFile)
            {
                await OutputFiles.WriteAllTextAsync(
                    Path.GetFullPath(reportFile, context.Paths.Root), json + "\n", "--report", token).ConfigureAwait(false);
            }

            if (parse.GetValue(format) == "json")
            {
                context.Reporter.Info(json);
                return valid ? CommandRunner.Ok : CommandRunner.UserError;
            }

            foreach (var diagnostic in result.Diagnostics)
            {
                context.Reporter.Report(diagnostic);
            }

            var summary = VersionsChecker.Summary(result, display);
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
        using (var writer = new Utf8JsonWriter(
            stream,
            new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
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
            writer.WriteStartObject("channels");
            foreach (var (channel, bundle) in BundleChannels.Of(
                result.Document.Bundles, bundle => bundle.Id, bundle => bundle.Kind, bundle => bundle.ReleaseDate))
            {
                writer.WriteString(channel, bundle);
            }

            writer.WriteEndObject();
            writer.WriteString("defaultBundle", result.Document.DefaultBundle?.Id);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
