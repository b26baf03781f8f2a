using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// The component side of release-notes: <c>--component=NAME [--from] [--to]</c> (one component's notes over any range and
/// its own changelog entry, written only into the file <c>--changelog</c> names) and <c>--unreleased</c> (every component's
/// default branch since its newest release tag, with the next version each needs).
/// </summary>
public sealed class ComponentNotesPhase(PhaseContext context, ReleaseNotesPhase writer)
{
    public async Task RunAsync(ReleaseNotesRequest request, VersionsDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(document);
        if (request.Bundle is { Length: > 0 }
            || request.Since is { Length: > 0 }
            || (request.Unreleased && request.Component is { Length: > 0 }))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.ReleaseNotes.BadComponentRange,
                "--component and --unreleased are not combined with each other nor with --bundle or --since",
                "ask for a bundle's notes (--bundle, --since), one component's (--component, --from, --to) or --unreleased");
        }

        using var pullRequests = writer.PullRequests();
        var service = writer.Service(pullRequests, request.Bots);
        if (request.Unreleased)
        {
            var components = document.Bundles.SelectMany(bundle => bundle.ToSpec().Components).Select(item => item.Component)
                .Distinct()
                .Order()
                .ToList();
            var unreleased = await service.CollectUnreleasedAsync(components, document.Sources, cancellationToken).ConfigureAwait(false);
            var markdown = UnreleasedRenderer.Render(unreleased);
            context.Reporter.Info(markdown);
            context.Reporter.StepSummary(markdown);
            return;
        }

        var component = ComponentId.TryParse(request.Component!.Trim()) ?? throw UserErrorException.Of(
            DiagnosticCodes.ReleaseNotes.BadComponentRange,
            $"--component={request.Component} names no component",
            "use core, platform, workspace or ext-NAME (ext-mongodb)");
        var source = document.SourceFor(component.Kind) ?? throw UserErrorException.Of(
            DiagnosticCodes.ReleaseNotes.NoComponentSource,
            $"versions.toml has no [components.*] table for {component.Id}, so its history cannot be read",
            "add the table with its repository and tag pattern (docs/versions-toml.md)");
        var defaultTo = request.To is { Length: > 0 } ? null : document.GetDefaultBundleSpec().Find(component)?.Version;
        var notes = await service.CollectComponentAsync(
            component, source, request.From, request.To, defaultTo, cancellationToken).ConfigureAwait(false);
        foreach (var warning in notes.Warnings)
        {
            context.Reporter.Report(warning);
        }

        context.Reporter.Info($"release notes of {notes.Title}");
        var rendered = ReleaseNotesRenderer.RenderRange(notes.Changes, notes.Title);
        var title = notes.Changes.To is null ? "Unreleased" : null;
        var entry = ChangelogRenderer.RenderComponentEntry(notes.Changes, title is null ? notes.Date : null, request.IncludeAll, title);
        var release = title ?? notes.Changes.To!.ToNormalizedString();
        if (request.Changelog is { Length: > 0 })
        {
            await writer.WriteAsync(
                request, rendered, release, entry, ChangelogRenderer.LinkReference(notes.Changes, title), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        // A component's changelog lives in its own repository: without --changelog the entry is shown, not written.
        var reference = ChangelogRenderer.LinkReference(notes.Changes, title);
        var shown = rendered + "\n---\n\nCHANGELOG.md entry (write it with --changelog=PATH):\n\n" + entry
            + (reference is null ? string.Empty : "\n" + reference + "\n");
        if (request.Output is { Length: > 0 } output && !request.DryRun)
        {
            var path = Path.GetFullPath(Path.Combine(context.Paths.Root, output));
            await Adapters.Files.AtomicFile.WriteAllTextAsync(path, rendered, cancellationToken).ConfigureAwait(false);
            context.Reporter.Success($"wrote {context.Paths.Display(path)}");
        }

        context.Reporter.Info(shown);
    }
}
