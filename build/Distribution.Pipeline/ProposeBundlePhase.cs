using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Diagnostics;
using Distribution.Core.ReleaseNotes;
using Distribution.Core.Versions;

namespace Distribution.Pipeline;

/// <summary>
/// <c>new-bundle --propose</c>: the next coordinated bundle from each component's unreleased commits (the versions, the
/// tags to cut in order, the matrix entries it adds) and the versions.toml diff. Nothing is written: new-bundle with the
/// printed versions applies it.
/// </summary>
public sealed class ProposeBundlePhase(PhaseContext context)
{
    public async Task<NewBundlePlan> RunAsync(string? versions, DateOnly releaseDate, CancellationToken cancellationToken)
    {
        var file = VersionsLoader.Resolve(context, versions);
        var display = context.Paths.Display(file);
        var document = await VersionsLoader.LoadAsync(context, versions, cancellationToken).ConfigureAwait(false);
        var text = await VersionsLoader.ReadTextAsync(context, file, cancellationToken).ConfigureAwait(false);
        var newest = document.GetDefaultBundleSpec();
        var cache = context.SourceCache();
        var service = new ReleaseNotesService(
            cache.MirrorAsync, refresh: async (source, cancel) => await cache.UpdateMirrorAsync(source, cancel).ConfigureAwait(false));
        var unreleased = await service.CollectUnreleasedAsync(
            newest.Components.Select(item => item.Component), document.Sources, cancellationToken).ConfigureAwait(false);
        var proposal = BundleProposal.For(newest, unreleased, document.Sources, releaseDate);
        context.Reporter.Info(proposal.Describe(newest).TrimEnd('\n'));
        var plan = BundleCutter.Plan(text, display, proposal.Request, VersionsLoader.Today);
        foreach (var addition in plan.Additions)
        {
            context.Reporter.Info($"  + {addition}");
        }

        if (plan.IsRefused)
        {
            throw new UserErrorException(plan.Diagnostics.Append(Diagnostic.Error(
                DiagnosticCodes.Versions.ChangeRefused,
                $"the proposed bundle {proposal.Request.Id} would leave {display} invalid",
                "add the matrix entries the new versions need by hand, then run new-bundle with the versions above",
                SourceLocation.InFile(display))));
        }

        context.Reporter.Info(UnifiedDiff.Create(plan.OldText, plan.NewText, "a/" + display, "b/" + display).TrimEnd('\n'));
        context.Reporter.Info($"proposal only: {display} was not changed");
        return plan;
    }
}
