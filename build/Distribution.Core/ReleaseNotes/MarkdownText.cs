using System.Globalization;
using System.Text;

namespace Distribution.Core.ReleaseNotes;

/// <summary>How one change reads in Markdown: the shared pieces of release notes and changelog entries.</summary>
internal static class MarkdownText
{
    /// <summary>Commit text is shown as written, except that raw HTML cannot sneak in.</summary>
    /// <remarks>Inside code spans (between backticks) nothing is escaped: GitHub shows code spans literally.</remarks>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('`');
        for (var index = 0; index < parts.Length; index += 2)
        {
            parts[index] = parts[index].Replace("<", "&lt;", StringComparison.Ordinal);
        }

        return string.Join('`', parts);
    }

    /// <summary><c>**scope:** description ([#12](…/pull/12) by @ann) ([abc1234](…/commit/…))</c>.</summary>
    public static string Entry(ChangeEntry entry, string webUrl, bool withCommit = true)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        // Under Other the type is what says what kind of change it is (docs, chore, test…); elsewhere the section says it.
        var type = entry.Category == ChangeCategory.Other && entry.Parsed.IsConventional ? entry.Parsed.Type : string.Empty;
        if (type.Length > 0 || entry.Parsed.Scope.Length > 0)
        {
            var label = type.Length == 0 ? entry.Parsed.Scope : entry.Parsed.Scope.Length == 0 ? type : $"{type}({entry.Parsed.Scope})";
            text.Append("**").Append(Escape(label)).Append(":** ");
        }

        text.Append(Link(Escape(entry.Parsed.Description), entry, webUrl));
        if (withCommit)
        {
            text.Append(" (").Append(CommitLink(entry.Commit, webUrl)).Append(')');
        }

        return text.ToString();
    }

    public static string CommitLink(CommitRecord commit, string webUrl) =>
        webUrl.Length > 0 ? $"[{commit.ShortSha}]({webUrl}/commit/{commit.Sha})" : commit.ShortSha;

    public static string Version(NuGet.Versioning.NuGetVersion? version) => version?.ToNormalizedString() ?? "—";

    /// <summary>
    /// Replaces each <c>(#N)</c> by a link to the pull request (when the web URL is known) with what the forge said about it.
    /// </summary>
    private static string Link(string description, ChangeEntry entry, string webUrl)
    {
        foreach (var number in entry.PullRequests)
        {
            var reference = "#" + number.ToString(CultureInfo.InvariantCulture);
            var details = entry.PullRequestDetails.FirstOrDefault(item => item.Number == number);
            var replacement = new StringBuilder(webUrl.Length > 0
                ? $"[{reference}]({webUrl}/pull/{number.ToString(CultureInfo.InvariantCulture)})"
                : reference);
            if (details is not null)
            {
                var title = details.Title.Trim();
                if (title.Length > 0 && !Normalise(title).Equals(Normalise(entry.Parsed.Description), StringComparison.OrdinalIgnoreCase)
                    && !Normalise(title).Equals(Normalise(entry.Commit.Subject), StringComparison.OrdinalIgnoreCase))
                {
                    replacement.Append(": ").Append(Escape(title));
                }

                if (details.AuthorLogin.Length > 0)
                {
                    replacement.Append(" by @").Append(details.AuthorLogin);
                }
            }

            description = description.Replace($"({reference})", $"({replacement})", StringComparison.Ordinal);
        }

        return description;
    }

    private static string Normalise(string text)
    {
        var at = text.IndexOf("(#", StringComparison.Ordinal);
        return (at < 0 ? text : text[..at]).Trim();
    }
}
