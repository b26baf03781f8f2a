using Distribution.Adapters.Files;
using Distribution.Adapters.GitHub;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Adapters.Sources;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Sources;
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
        var document = await VersionsLoader.LoadAsync(context, request.Versions, cancellationToken).ConfigureAwait(false);
        if (request.Component is { Length: > 0 } || request.Unreleased)
        {
            await new ComponentNotesPhase(context, this).RunAsync(request, document, cancellationToken).ConfigureAwait(false);
            return;
        }

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

        var fetch = new FetchService(context.SourceCache());
        await CheckLockAsync(request, bundle, document, fetch, cancellationToken).ConfigureAwait(false);
        using var pullRequests = PullRequests();
        var service = Service(pullRequests, request.Bots, fetch);
        var result = await service.CollectAsync(bundle, previous, document.Sources, cancellationToken).ConfigureAwait(false);
        foreach (var warning in result.Warnings)
        {
            context.Reporter.Report(warning);
        }

        await WriteAsync(
            request,
            result.Markdown,
            bundle.Id,
            ChangelogRenderer.RenderEntry(result.Notes, request.IncludeAll),
            linkReference: null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pull request details from GitHub when the environment allows (an RN020 warning says why not); null: git alone.</summary>
    internal GitHubPullRequests? PullRequests()
    {
        var pullRequests = GitHubPullRequests.FromEnvironment(Environment.GetEnvironmentVariable, out var problem);
        if (problem is not null)
        {
            context.Reporter.Report(ReleaseNotesService.EnrichmentWarning($"pull request details cannot be read: {problem}"));
        }

        return pullRequests;
    }

    /// <summary>
    /// The service reading the components' mirrors (each refreshed once when a tag is missing; through
    /// <paramref name="fetch"/> when given, which has already updated the mirrors it checked the lock against).
    /// </summary>
    internal ReleaseNotesService Service(GitHubPullRequests? pullRequests, IReadOnlyList<string> bots, FetchService? fetch = null)
    {
        var cache = context.SourceCache();
        return new ReleaseNotesService(
            cache.MirrorAsync,
            pullRequests,
            fetch is null
                ? async (source, cancel) => await cache.UpdateMirrorAsync(source, cancel).ConfigureAwait(false)
                : async (source, cancel) => await fetch.UpdateOnceAsync(source, cancel).ConfigureAwait(false))
        {
            Bots = [.. bots]
        };
    }

    /// <summary>
    /// Prints the notes (or writes them to --output) and puts <paramref name="entry"/> (with its link reference) into the
    /// changelog as the entry of <paramref name="release"/>; a dry run prints the notes and the changelog's diff instead.
    /// </summary>
    internal async Task WriteAsync(
        ReleaseNotesRequest request,
        string markdown,
        string release,
        string entry,
        string? linkReference,
        CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var changelog = Path.GetFullPath(Path.Combine(paths.Root, request.Changelog is { Length: > 0 } given ? given : "CHANGELOG.md"));
        var existing = await ReadChangelogAsync(changelog, cancellationToken).ConfigureAwait(false);
        var updated = ChangelogUpdater.Update(existing, release, entry, linkReference);
        var output = request.Output;
        var display = paths.Display(changelog);

        if (request.DryRun)
        {
            context.Reporter.Info(markdown);
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
            await AtomicFile.WriteAllTextAsync(outputPath, markdown, cancellationToken).ConfigureAwait(false);
            context.Reporter.Success($"wrote {paths.Display(outputPath)}");
        }
        else
        {
            context.Reporter.Info(markdown);
        }

        if (updated == existing)
        {
            context.Reporter.Info($"{display}: the entry of {release} is up to date");
        }
        else
        {
            await AtomicFile.WriteAllTextAsync(changelog, updated, cancellationToken).ConfigureAwait(false);
            context.Reporter.Success(
                $"{display}: {(existing?.Contains($"## [{release}]", StringComparison.Ordinal) == true ? "replaced" : "added")} "
                    + $"the entry of {release}");
        }

        context.Reporter.StepSummary(markdown);
    }

    /// <summary>
    /// Like every verb that reads a bundle's sources: each component's tag, read from its updated mirror, must point
    /// to the commit versions.lock pins for the bundle (SRC021 otherwise), so notes are never written from a moved tag.
    /// A component the lock does not pin (no lock yet, an unlocked bundle) is not checked.
    /// </summary>
    private async Task CheckLockAsync(
        ReleaseNotesRequest request, BundleSpec bundle, VersionsDocument document, FetchService fetch, CancellationToken cancellationToken)
    {
        var lockPath = VersionsLoader.LockPathOf(VersionsLoader.Resolve(context, request.Versions));
        var lockFile = await VersionsLoader.ReadLockAsync(context, lockPath, cancellationToken).ConfigureAwait(false);
        var lockName = context.Paths.Display(lockPath);
        var problems = new List<Diagnostic>();
        var positions = document.PositionsIn(bundle.Id);
        foreach (var component in bundle.Components)
        {
            var locked = lockFile.Find(bundle.Id, component.Component);
            if (locked is null || document.SourceFor(component.Component.Kind) is not { } source)
            {
                continue;
            }

            var tags = (await fetch.UpdateOnceAsync(source, cancellationToken).ConfigureAwait(false)).Tags;
            var tag = source.TagFor(component.Component, component.Version);
            if (tags.TryGetValue(tag, out var commit)
                && SourceChecks.MovedTag(
                    bundle.Id,
                    locked,
                    locked with { Tag = tag, Commit = commit },
                    false,
                    lockName,
                    positions.GetValueOrDefault(component.Component)) is { } moved)
            {
                problems.Add(moved);
            }
        }

        if (problems.Count > 0)
        {
            throw new UserErrorException(problems);
        }
    }

    /// <summary>
    /// The changelog's text as its bytes say, a byte order mark included (U+FEFF), so that it is written back; null when missing.
    /// </summary>
    internal static async Task<string?> ReadChangelogAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))
            : null;
}
