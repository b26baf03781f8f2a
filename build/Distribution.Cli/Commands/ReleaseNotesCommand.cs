using System.CommandLine;
using Distribution.Adapters.Files;
using Distribution.Adapters.GitHub;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Adapters.Sources;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Versions;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>release-notes [--versions PATH] [--bundle ID] [--since BUNDLE|COMPONENT@VERSION,…] [--changelog PATH] [--output FILE] [--dry-run]</c>:
/// the bundle's release notes from the components' conventional commits (printed, or written to --output) and
/// its entry in CHANGELOG.md (replacing the entry of the same bundle). --dry-run prints the notes and the
/// changelog diff and writes nothing.
/// </summary>
public sealed class ReleaseNotesCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var versionsOption = new Option<string?>("--versions") { Description = "The versions file (default: version-management/versions.toml)." };
        var bundleOption = new Option<string?>("--bundle") { Description = "The bundle (default: the newest stable bundle of versions.toml)." };
        var sinceOption = new Option<string?>("--since") { Description = "Compare with this bundle, or with these versions: core@3.1.0,platform@2.4.0 (default: the previous bundle of the same kind)." };
        var changelogOption = new Option<string?>("--changelog") { Description = "The changelog to update (default: CHANGELOG.md at the repository root)." };
        var outputOption = new Option<string?>("--output") { Description = "Write the notes (Markdown) to this file instead of printing them." };
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Print the notes and the changelog diff; write nothing." };
        var command = new Command("release-notes", "Write a bundle's release notes and its CHANGELOG.md entry from the components' conventional commits.")
        {
            versionsOption, bundleOption, sinceOption, changelogOption, outputOption, dryRunOption,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var paths = context.Paths;
            var document = await VersionsLoader.LoadAsync(context, parse.GetValue(versionsOption), token).ConfigureAwait(false);
            var bundles = document.Bundles.Select(bundle => bundle.ToSpec()).ToList();
            var bundleId = parse.GetValue(bundleOption);
            var bundle = string.IsNullOrWhiteSpace(bundleId) ? document.GetDefaultBundleSpec() : document.GetBundleSpec(bundleId.Trim());
            var previous = PreviousBundle.Find(bundles, bundle);
            if (parse.GetValue(sinceOption) is { Length: > 0 } since)
            {
                previous = SinceOption.Resolve(since, bundles, previous);
            }

            context.Reporter.Info(previous is null
                ? $"release notes of {bundle.Id}: first of its kind, nothing to compare with"
                : $"release notes of {bundle.Id} since {previous.Id}");

            using var pullRequests = GitHubPullRequests.FromEnvironment(Environment.GetEnvironmentVariable, out var problem);
            if (problem is not null)
            {
                context.Reporter.Report(ReleaseNotesService.EnrichmentWarning($"pull request details cannot be read: {problem}"));
            }

            var cache = SourceCache.For(paths.Root);
            var service = new ReleaseNotesService(cache.MirrorAsync, pullRequests, async (source, cancel) => await cache.UpdateMirrorAsync(source, cancel).ConfigureAwait(false));
            var result = await service.CollectAsync(bundle, previous, document.Sources, token).ConfigureAwait(false);
            foreach (var warning in result.Warnings)
            {
                context.Reporter.Report(warning);
            }

            var changelog = Path.GetFullPath(Path.Combine(paths.Root, parse.GetValue(changelogOption) is { Length: > 0 } given ? given : "CHANGELOG.md"));
            var existing = File.Exists(changelog) ? await File.ReadAllTextAsync(changelog, token).ConfigureAwait(false) : null;
            var updated = ChangelogUpdater.Update(existing, bundle.Id, result.ChangelogEntry);
            var output = parse.GetValue(outputOption);
            var display = paths.Display(changelog);

            if (parse.GetValue(dryRunOption))
            {
                context.Reporter.Info(result.Markdown);
                context.Reporter.Info(updated == existing ? $"{display}: already up to date"
                    : existing is null ? $"--- /dev/null\n+++ b/{display}\n" + string.Join('\n', updated.TrimEnd('\n').Split('\n').Select(line => "+" + line))
                    : UnifiedDiff.Create(existing, updated, "a/" + display, "b/" + display));
                context.Reporter.Info("dry run: nothing written");
                return CommandRunner.Ok;
            }

            if (output is { Length: > 0 })
            {
                var outputPath = Path.GetFullPath(Path.Combine(paths.Root, output));
                await AtomicFile.WriteAllTextAsync(outputPath, result.Markdown, token).ConfigureAwait(false);
                context.Reporter.Success($"wrote {paths.Display(outputPath)}");
            }
            else
            {
                context.Reporter.Info(result.Markdown);
            }

            if (updated == existing)
            {
                context.Reporter.Info($"{display}: the entry of {bundle.Id} is up to date");
            }
            else
            {
                await AtomicFile.WriteAllTextAsync(changelog, updated, token).ConfigureAwait(false);
                context.Reporter.Success($"{display}: {(existing?.Contains($"## [{bundle.Id}]", StringComparison.Ordinal) == true ? "replaced" : "added")} the entry of {bundle.Id}");
            }

            context.Reporter.StepSummary(result.Markdown);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
