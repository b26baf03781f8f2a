using Distribution.Adapters.Files;
using Distribution.Adapters.GitHub;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// The release-notes phase: the bundle's release notes from the components' conventional commits (printed, or written
/// to <see cref="ReleaseNotesRequest.Output"/>) and its entry in CHANGELOG.md (replacing the entry of the same bundle).
/// A dry run prints the notes and the changelog diff and writes nothing. (create-bundle writes the notes of its bundle
/// through the same <see cref="ReleaseNotesService"/>.)
/// </summary>
public sealed class ReleaseNotesPhase(PhaseContext context)
{
    public async Task RunAsync(ReleaseNotesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var paths = context.Paths;
        var document = await VersionsLoader.LoadAsync(context, request.Versions, cancellationToken).ConfigureAwait(false);
        var bundles = document.Bundles.Select(bundle => bundle.ToSpec()).ToList();
        var bundleId = request.Bundle;
        var bundle = string.IsNullOrWhiteSpace(bundleId) ? document.GetDefaultBundleSpec() : document.GetBundleSpec(bundleId.Trim());
        var previous = PreviousBundle.Find(bundles, bundle);
        if (request.Since is { Length: > 0 } since)
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

        var cache = context.SourceCache();
        var service = new ReleaseNotesService(
            cache.MirrorAsync, pullRequests, async (source, cancel) => await cache.UpdateMirrorAsync(source, cancel).ConfigureAwait(false));
        var result = await service.CollectAsync(bundle, previous, document.Sources, cancellationToken).ConfigureAwait(false);
        foreach (var warning in result.Warnings)
        {
            context.Reporter.Report(warning);
        }

        var changelog = Path.GetFullPath(Path.Combine(paths.Root, request.Changelog is { Length: > 0 } given ? given : "CHANGELOG.md"));
        var existing = File.Exists(changelog) ? await File.ReadAllTextAsync(changelog, cancellationToken).ConfigureAwait(false) : null;
        var updated = ChangelogUpdater.Update(existing, bundle.Id, result.ChangelogEntry);
        var output = request.Output;
        var display = paths.Display(changelog);

        if (request.DryRun)
        {
            context.Reporter.Info(result.Markdown);
            context.Reporter.Info(updated == existing ? $"{display}: already up to date"
                : existing is null
                    ? $"--- /dev/null\n+++ b/{display}\n" + string.Join('\n', updated.TrimEnd('\n').Split('\n').Select(line => "+" + line))
                : UnifiedDiff.Create(existing, updated, "a/" + display, "b/" + display));
            context.Reporter.Info("dry run: nothing written");
            return;
        }

        if (output is { Length: > 0 })
        {
            var outputPath = Path.GetFullPath(Path.Combine(paths.Root, output));
            await AtomicFile.WriteAllTextAsync(outputPath, result.Markdown, cancellationToken).ConfigureAwait(false);
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
            await AtomicFile.WriteAllTextAsync(changelog, updated, cancellationToken).ConfigureAwait(false);
            context.Reporter.Success(
                $"{display}: {(existing?.Contains($"## [{bundle.Id}]", StringComparison.Ordinal) == true ? "replaced" : "added")} "
                    + $"the entry of {bundle.Id}");
        }

        context.Reporter.StepSummary(result.Markdown);
    }
}
