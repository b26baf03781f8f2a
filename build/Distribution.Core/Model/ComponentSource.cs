using System.Globalization;
using NuGet.Versioning;

namespace Distribution.Core.Model;

/// <summary>
/// Where a component's repository lives and how its versions are spelled as tags, from
/// <c>[components.KIND]</c> in versions.toml. For the extensions monorepo, <see cref="PathPattern"/> names each
/// extension's folder and <see cref="TagPattern"/> carries <c>{name}</c> (<c>{name}/v{version}</c>).
/// </summary>
/// <param name="Repository">A URL (https, ssh, git, file), a local path, or <c>sample:NAME</c> for a generated stand-in.</param>
/// <param name="WebUrl">The repository's web page (<c>https://github.com/owner/repo</c>),
/// for links in release notes; empty when unknown.</param>
public sealed record ComponentSource(ComponentKind Kind, string Repository, string TagPattern, string PathPattern, string WebUrl)
{
    public const string SampleScheme = "sample:";

    public bool IsSample => Repository.StartsWith(SampleScheme, StringComparison.Ordinal);

    /// <summary>The tag of <paramref name="component"/> at <paramref name="version"/>: <c>v3.2.1</c>, <c>mongodb/v1.2.0</c>.</summary>
    public string TagFor(ComponentId component, NuGetVersion version)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(version);
        return Expand(TagPattern, component, version.ToNormalizedString());
    }

    /// <summary>The folder of the component inside the repository ("" for the whole repository).</summary>
    public string PathFor(ComponentId component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return Expand(PathPattern, component, string.Empty).Trim('/');
    }

    private static string Expand(string pattern, ComponentId component, string version) =>
        pattern.Replace("{name}", component.Name, StringComparison.Ordinal)
            .Replace("{version}", version, StringComparison.Ordinal)
            .ToString(CultureInfo.InvariantCulture);
}
