using System.Globalization;
using System.Text;
using Distribution.Core.Model;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Renders release notes as GitHub-flavoured Markdown: a bundle's notes (title, release date, the table of
/// component versions, every breaking change first, then one section per component) and one component's notes.
/// Pure: the same notes give the same bytes.
/// </summary>
public static class ReleaseNotesRenderer
{
    private static readonly (ChangeCategory Category, string Title)[] Sections =
    [
        (ChangeCategory.Breaking, "Breaking changes"),
        (ChangeCategory.Feature, "Features"),
        (ChangeCategory.Fix, "Fixes"),
        (ChangeCategory.Performance, "Performance"),
        (ChangeCategory.Other, "Other"),
    ];

    public static string RenderBundle(BundleNotes notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var bundle = notes.Bundle;
        var text = new StringBuilder();
        text.Append("# ").Append(bundle.DisplayName.Length > 0 ? bundle.DisplayName : bundle.Id).Append("\n\n");
        text.Append(Summary(notes)).Append("\n\n");

        text.Append("| Component | ")
            .Append(notes.Previous is null ? "Before" : Code(notes.Previous.Id))
            .Append(" | ")
            .Append(Code(bundle.Id))
            .Append(" | Change |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var component in notes.Components)
        {
            text.Append("| ").Append(component.Component.Id)
                .Append(" | ").Append(MarkdownText.Version(component.From))
                .Append(" | ").Append(MarkdownText.Version(component.To))
                .Append(" | ").Append(KindText(component.Kind))
                .Append(" |\n");
        }

        text.Append('\n');
        var breaking = notes.Components.SelectMany(
            component => component.In(ChangeCategory.Breaking).Select(entry => (component, entry))).ToList();
        if (breaking.Count > 0)
        {
            text.Append("## Breaking changes\n\n");
            foreach (var (component, entry) in breaking)
            {
                AppendBreaking(text, entry, component.WebUrl, component.Component.Id);
            }

            EndSection(text);
        }

        foreach (var component in notes.Components)
        {
            AppendComponent(text, component, "##");
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>One component's notes on their own (a component release): a title and the sections.</summary>
    public static string RenderComponent(ComponentChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder();
        AppendComponent(text, changes, "#");
        return text.ToString().TrimEnd('\n') + "\n";
    }

    internal static string KindText(ComponentChangeKind kind) => kind switch
    {
        ComponentChangeKind.Upgraded => "upgraded",
        ComponentChangeKind.Downgraded => "downgraded",
        ComponentChangeKind.Unchanged => "unchanged",
        ComponentChangeKind.Added => "added",
        _ => "removed",
    };

    private static string Summary(BundleNotes notes)
    {
        var bundle = notes.Bundle;
        var parts = new List<string>
        {
            Code(bundle.Id),
            bundle.Kind switch { BundleKind.Lts => "LTS", BundleKind.Stable => "stable", _ => "custom" } + " bundle",
            bundle.ReleaseDate is { } date ? "released " + Date(date) : "not released yet",
        };
        if (bundle.LtsUntil is { } until)
        {
            parts.Add("supported until " + Date(until));
        }

        parts.Add(notes.Previous switch
        {
            null => "first release: nothing to compare with",
            { ReleaseDate: { } previousDate } previous => $"changes since {Code(previous.Id)} ({Date(previousDate)})",
            var previous => $"changes since {Code(previous.Id)}",
        });
        return string.Join(" · ", parts);
    }

    private static void AppendComponent(StringBuilder text, ComponentChanges component, string level)
    {
        text.Append(level).Append(' ').Append(component.Component.Id).Append(' ').Append(component.Kind switch
        {
            ComponentChangeKind.Upgraded
                or ComponentChangeKind.Downgraded => $"{MarkdownText.Version(component.From)} → {MarkdownText.Version(component.To)}",
            ComponentChangeKind.Removed => MarkdownText.Version(component.From),
            _ => MarkdownText.Version(component.To),
        }).Append("\n\n");

        switch (component.Kind)
        {
            case ComponentChangeKind.Unchanged:
                text.Append("Unchanged.\n\n");
                return;
            case ComponentChangeKind.Added:
                text.Append("New in this bundle.\n\n");
                break;
            case ComponentChangeKind.Removed:
                text.Append("Removed from this bundle.\n\n");
                return;
            case ComponentChangeKind.Downgraded:
                text.Append("Downgraded: the changes of ")
                    .Append(MarkdownText.Version(component.To))
                    .Append(" → ")
                    .Append(MarkdownText.Version(component.From))
                    .Append(" are undone.\n\n");
                break;
            default:
                if (component.Entries.IsEmpty)
                {
                    text.Append(component.Skipped > 0 ? "No changes besides merges and automated updates.\n\n" : "No changes.\n\n");
                }

                break;
        }

        foreach (var (category, title) in Sections)
        {
            var entries = component.In(category).ToList();
            if (entries.Count == 0)
            {
                continue;
            }

            text.Append(level).Append("# ").Append(title).Append("\n\n");
            foreach (var entry in entries)
            {
                if (category == ChangeCategory.Breaking)
                {
                    AppendBreaking(text, entry, component.WebUrl, prefix: null);
                }
                else
                {
                    text.Append("- ").Append(MarkdownText.Entry(entry, component.WebUrl)).Append('\n');
                }
            }

            EndSection(text);
        }

        if (!component.Contributors.IsEmpty)
        {
            text.Append("**Contributors:** ").Append(string.Join(", ", component.Contributors.Select(MarkdownText.Escape))).Append("\n\n");
        }

        if (component.WebUrl.Length > 0
            && component.FromTag.Length > 0
            && component.ToTag.Length > 0
            && component.Kind == ComponentChangeKind.Upgraded)
        {
            text.Append("**Full diff:** [").Append(component.FromTag).Append("...").Append(component.ToTag).Append("](")
                .Append(component.WebUrl)
                .Append("/compare/")
                .Append(component.FromTag)
                .Append("...")
                .Append(component.ToTag)
                .Append(")\n\n");
        }
    }

    private static void AppendBreaking(StringBuilder text, ChangeEntry entry, string webUrl, string? prefix)
    {
        text.Append("- ");
        if (prefix is not null)
        {
            text.Append(prefix).Append(": ");
        }

        text.Append(MarkdownText.Entry(entry, webUrl)).Append('\n');
        var details = entry.Parsed.BreakingChanges.Where(change => change != entry.Parsed.Description).ToList();
        foreach (var change in details)
        {
            text.Append('\n');
            foreach (var line in change.Split('\n'))
            {
                text.Append(line.Length > 0 ? "  " + MarkdownText.Escape(line) : string.Empty).Append('\n');
            }
        }

        if (details.Count > 0)
        {
            text.Append('\n');
        }
    }

    /// <summary>Ends a list with exactly one blank line.</summary>
    private static void EndSection(StringBuilder text)
    {
        if (text.Length < 2 || text[^2] != '\n')
        {
            text.Append('\n');
        }
    }

    private static string Code(string text) => "`" + text + "`";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
