using System.Text.RegularExpressions;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Reads a component's release tags back into versions through its tag pattern (<c>v{version}</c>,
/// <c>{name}/v{version}</c>): <c>mongodb/v1.2.0</c> is ext-mongodb 1.2.0, <c>redis/v1.1.0</c> is not.
/// </summary>
public static class ReleaseTags
{
    /// <summary>
    /// The version <paramref name="tag"/> releases for <paramref name="component"/>; null when it is not one of its tags.
    /// </summary>
    public static NuGetVersion? VersionOf(ComponentSource source, ComponentId component, string tag)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(tag);
        var marker = Guid.Empty.ToString("N");
        var literal = source.TagPattern.Replace("{name}", component.Name, StringComparison.Ordinal)
            .Replace("{version}", marker, StringComparison.Ordinal);
        var pattern = "^" + Regex.Escape(literal).Replace(marker, "(?<version>[0-9][0-9A-Za-z.+-]*)", StringComparison.Ordinal) + "$";
        var match = Regex.Match(tag, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return match.Success && NuGetVersion.TryParse(match.Groups["version"].Value, out var version) ? version : null;
    }

    /// <summary>
    /// The newest release among <paramref name="tags"/> (pre-releases left out), below <paramref name="below"/> when given;
    /// null when there is none.
    /// </summary>
    public static (string Tag, NuGetVersion Version)? Newest(
        ComponentSource source, ComponentId component, IEnumerable<string> tags, NuGetVersion? below = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var releases = tags
            .Select(tag => (Tag: tag, Version: VersionOf(source, component, tag)))
            .Where(item => item.Version is { IsPrerelease: false } && (below is null || item.Version < below))
            .OrderByDescending(item => item.Version)
            .ToList();
        return releases.Count == 0 ? null : (releases[0].Tag, releases[0].Version!);
    }
}
