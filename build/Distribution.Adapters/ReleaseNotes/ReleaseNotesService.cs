using System.Collections.Immutable;
using System.Text.Json;
using Distribution.Adapters.Git;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;

namespace Distribution.Adapters.ReleaseNotes;

/// <summary>
/// Builds a bundle's release notes from the components' git histories: for every component upgraded since
/// <c>previous</c>, the commits between its two tags (for a monorepo part, only those touching its folder),
/// read from the component's mirror, grouped and rendered. With an <see cref="IPullRequestSource"/> the pull
/// requests named as <c>(#123)</c> get their titles and authors; when that fails the notes are made from git
/// alone and a warning (RN020) says so — enrichment never fails a release.
/// This is the API CreateBundle calls for RELEASE_NOTES.md.
/// </summary>
public sealed class ReleaseNotesService
{
    private readonly Func<ComponentSource, CancellationToken, Task<string>> mirror;
    private readonly IPullRequestSource? pullRequests;
    private readonly Func<ComponentSource, CancellationToken, Task>? refresh;

    /// <param name="mirror">Gives the local path of a component repository (a bare mirror or a clone), fetching it when needed.</param>
    /// <param name="pullRequests">Where pull request titles and authors come from; null for git alone.</param>
    /// <param name="refresh">Updates a mirror (fetches new tags); called once per repository when a tag is missing. Null: never.</param>
    public ReleaseNotesService(
        Func<ComponentSource, CancellationToken, Task<string>> mirror,
        IPullRequestSource? pullRequests = null,
        Func<ComponentSource, CancellationToken, Task>? refresh = null)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        this.mirror = mirror;
        this.pullRequests = pullRequests;
        this.refresh = refresh;
    }

    /// <summary>Runs git (<see cref="GitHistory"/>): the pinned <see cref="GitCli.Default"/> unless a test records the calls.</summary>
    public GitCli Git { get; init; } = GitCli.Default;

    /// <summary>
    /// The tags of a component's mirror as the caller has already read them (tag → commit; create-bundle passes its
    /// fetch's lists): a tag found there is not looked up again. A tag not found there is looked up in the mirror with
    /// <c>git rev-parse</c> (and the mirror refreshed once when it is missing), as without a list. Null: every tag is looked up.
    /// </summary>
    public Func<ComponentSource, CancellationToken, Task<IReadOnlyDictionary<string, string>>>? KnownTags { get; init; }

    /// <summary>
    /// RELEASE_NOTES.md of <paramref name="bundle"/>, compared with <paramref name="previous"/> (null for a first release).
    /// </summary>
    public async Task<string> BuildBundleNotesAsync(
        BundleSpec bundle,
        BundleSpec? previous,
        IReadOnlyDictionary<ComponentKind, ComponentSource> sources,
        CancellationToken cancellationToken)
    {
        var result = await CollectAsync(bundle, previous, sources, cancellationToken).ConfigureAwait(false);
        return result.Markdown;
    }

    /// <summary>The notes, their Markdown, the changelog entry and the warnings.</summary>
    public async Task<ReleaseNotesResult> CollectAsync(
        BundleSpec bundle,
        BundleSpec? previous,
        IReadOnlyDictionary<ComponentKind, ComponentSource> sources,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(sources);
        var warnings = ImmutableArray.CreateBuilder<Diagnostic>();
        var failedRepositories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var refreshed = new HashSet<string>(StringComparer.Ordinal);
        var components = ImmutableArray.CreateBuilder<ComponentChanges>();
        foreach (var range in ComponentRange.Between(bundle, previous))
        {
            var source = sources.GetValueOrDefault(range.Component.Kind);
            var webUrl = source?.WebUrl.TrimEnd('/') ?? string.Empty;
            if (!range.HasHistory || source is null)
            {
                if (range.HasHistory)
                {
                    throw UserErrorException.Of(
                        DiagnosticCodes.ReleaseNotes.NoComponentSource,
                        $"versions.toml has no [components.{KindKey(range.Component.Kind)}] "
                            + $"table, so the history of {range.Component.Id} cannot be read",
                        $"add [components.{KindKey(range.Component.Kind)}] with its repository and tag pattern");
                }

                components.Add(new ComponentChanges(range.Component, range.From, range.To, [], []) { WebUrl = webUrl });
                continue;
            }

            var fromTag = source.TagFor(range.Component, range.From!);
            var toTag = source.TagFor(range.Component, range.To!);
            var repository = await mirror(source, cancellationToken).ConfigureAwait(false);
            var known = KnownTags is null ? null : await KnownTags(source, cancellationToken).ConfigureAwait(false);
            foreach (var tag in new[] { fromTag, toTag })
            {
                if (known?.ContainsKey(tag) == true
                    || await GitHistory.ResolveAsync(Git, repository, tag, cancellationToken).ConfigureAwait(false) is not null)
                {
                    continue;
                }

                if (refresh is not null && refreshed.Add(source.Repository))
                {
                    await refresh(source, cancellationToken).ConfigureAwait(false);
                    if (await GitHistory.ResolveAsync(Git, repository, tag, cancellationToken).ConfigureAwait(false) is not null)
                    {
                        continue;
                    }
                }

                throw UserErrorException.Of(
                    DiagnosticCodes.ReleaseNotes.TagMissing,
                    $"{range.Component.Id}: tag {tag} is not in {source.Repository}",
                    "check the version in versions.toml and the tag pattern of the component "
                        + "([components.*] tag), or run Fetch to refresh the mirror");
            }

            var commits = await GitHistory.ReadAsync(
                Git, repository, fromTag, toTag, source.PathFor(range.Component), cancellationToken).ConfigureAwait(false);
            var changes = ReleaseNotesBuilder.ForComponent(
                range.Component, range.From, range.To, commits, webUrl) with { FromTag = fromTag, ToTag = toTag };
            changes = await EnrichAsync(changes, warnings, failedRepositories, cancellationToken).ConfigureAwait(false);
            components.Add(changes);
        }

        var notes = new BundleNotes(bundle, previous, components.ToImmutable());
        return new ReleaseNotesResult(
            notes, ReleaseNotesRenderer.RenderBundle(notes), ChangelogRenderer.RenderEntry(notes), warnings.ToImmutable());
    }

    /// <summary>
    /// The RN020 warning: pull request details could not be read (<paramref name="reason"/>), so the notes use git alone.
    /// </summary>
    public static Diagnostic EnrichmentWarning(string reason) =>
        Diagnostic.Warning(
            DiagnosticCodes.ReleaseNotes.EnrichmentFailed,
            $"{reason}; the notes use git alone",
            "check GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise), or unset GITHUB_TOKEN to skip pull request details");

    /// <summary>
    /// Adds pull request titles and authors. Nothing that goes wrong here fails the notes: any exception (a refused or
    /// unreachable API, a timeout, an answer that is not what GitHub sends, a bug in the source) becomes an RN020
    /// warning and the component's notes from git alone; only a cancellation the caller asked for goes through.
    /// </summary>
    private async Task<ComponentChanges> EnrichAsync(
        ComponentChanges changes, ImmutableArray<Diagnostic>.Builder warnings, HashSet<string> failed, CancellationToken cancellationToken)
    {
        var numbers = PullRequestEnrichment.Numbers(changes);
        if (pullRequests is null || numbers.IsEmpty || changes.WebUrl.Length == 0 || failed.Contains(changes.WebUrl))
        {
            return changes;
        }

        var found = new Dictionary<int, PullRequestInfo>();
        try
        {
            if (!pullRequests.Supports(changes.WebUrl))
            {
                return changes;
            }

            foreach (var number in numbers)
            {
                if (await pullRequests.GetAsync(changes.WebUrl, number, cancellationToken).ConfigureAwait(false) is { } info)
                {
                    found[number] = info;
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed.Add(changes.WebUrl);
            var reason = exception switch
            {
                OperationCanceledException => "the request timed out",
                HttpRequestException or JsonException or IOException => exception.Message,
                _ => $"{exception.GetType().Name}: {exception.Message}",
            };
            warnings.Add(EnrichmentWarning($"pull request details for {changes.Component.Id} "
                + $"could not be read from {changes.WebUrl}: {reason}"));
            return PullRequestEnrichment.Apply(changes, found);
        }

        return PullRequestEnrichment.Apply(changes, found);
    }

    private static string KindKey(ComponentKind kind) => kind switch
    {
        ComponentKind.Core => "core",
        ComponentKind.Platform => "platform",
        ComponentKind.Workspace => "workspace",
        _ => "extensions",
    };
}
