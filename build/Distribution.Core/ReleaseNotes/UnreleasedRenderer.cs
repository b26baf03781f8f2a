using System.Collections.Immutable;
using System.Text;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// The unreleased preview (<c>--unreleased</c>): a table of every component's newest release, the commits its default
/// branch holds since, and the next version they need with the commit that decides it; then each component's changes.
/// </summary>
public static class UnreleasedRenderer
{
    public static string Render(ImmutableArray<UnreleasedComponent> components)
    {
        var text = new StringBuilder("# Unreleased\n\n");
        text.Append("| Component | Released | Branch | Commits | Next | Decided by |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var component in components)
        {
            var proposal = component.Proposal;
            var changes = component.Changes;
            text.Append("| ").Append(changes.Component.Id)
                .Append(" | ").Append(MarkdownText.Version(changes.From))
                .Append(" | ").Append(component.Branch)
                .Append(" | ").Append(changes.Entries.Length)
                .Append(" | ").Append(proposal.Next is null ? "—" : $"{proposal.Next.ToNormalizedString()} ({proposal.Bump})")
                .Append(" | ").Append(proposal.DecidedBy is { } entry ? Decision(entry) : "nothing to release")
                .Append(" |\n");
        }

        foreach (var component in components.Where(item => !item.Changes.Entries.IsEmpty))
        {
            var since = component.Changes.FromTag.Length > 0 ? component.Changes.FromTag : "the beginning";
            text.Append('\n').Append(ReleaseNotesRenderer.RenderRange(
                component.Changes, $"{component.Changes.Component.Id}: {component.Branch} since {since}", "##"));
        }

        return text.ToString();
    }

    /// <summary><c>abc1234 feat(mongodb): replica sets</c>, the pipe escaped for the table.</summary>
    public static string Decision(ChangeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{entry.Commit.ShortSha} {MarkdownText.Escape(entry.Commit.Subject).Replace("|", "\\|", StringComparison.Ordinal)}";
    }
}
