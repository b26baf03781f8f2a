using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Distribution.Core.Model;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// The next coordinated bundle proposed from the unreleased commits (<c>new-bundle --propose</c>): every component of
/// the newest stable bundle at its next version (<see cref="VersionProposal"/>) or, with nothing to release, at its
/// newest release; the tags to cut first, in component order (core first: the others require it); the
/// <see cref="NewBundleRequest"/> that <see cref="BundleCutter"/> turns into the versions.toml change.
/// </summary>
public sealed record BundleProposal(NewBundleRequest Request, ImmutableArray<UnreleasedComponent> Components, ImmutableArray<string> Tags)
{
    public static BundleProposal For(
        BundleSpec newest,
        ImmutableArray<UnreleasedComponent> unreleased,
        IReadOnlyDictionary<ComponentKind, ComponentSource> sources,
        DateOnly releaseDate)
    {
        ArgumentNullException.ThrowIfNull(newest);
        ArgumentNullException.ThrowIfNull(sources);
        var versions = new Dictionary<ComponentId, NuGetVersion>();
        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var item in newest.Components.OrderBy(item => item.Component))
        {
            var component = unreleased.FirstOrDefault(candidate => candidate.Changes.Component == item.Component);
            var proposal = component?.Proposal;
            versions[item.Component] = proposal?.Next ?? proposal?.Current ?? item.Version;
            if (proposal?.Next is { } next && sources.TryGetValue(item.Component.Kind, out var source))
            {
                tags.Add($"{source.TagFor(item.Component, next)} in {source.Repository}");
            }
        }

        var core = versions.GetValueOrDefault(ComponentId.Core) ?? newest.Find(ComponentId.Core)!.Version;
        var id = string.Create(CultureInfo.InvariantCulture, $"stable-{core.Major}.{core.Minor}");
        var request = new NewBundleRequest(
            id,
            null,
            core,
            versions.GetValueOrDefault(ComponentId.Platform) ?? newest.Find(ComponentId.Platform)!.Version,
            versions.GetValueOrDefault(ComponentId.Workspace) ?? newest.Find(ComponentId.Workspace)!.Version,
            [.. versions.Where(pair => pair.Key.Kind == ComponentKind.Extension)
                .Select(pair => new ExtensionPin(pair.Key.Name, pair.Value))],
            releaseDate,
            null);
        return new BundleProposal(request, unreleased, tags.ToImmutable());
    }

    /// <summary>The plan in words: the versions and why, the tags to cut in order, and the command that applies it.</summary>
    public string Describe(BundleSpec newest)
    {
        ArgumentNullException.ThrowIfNull(newest);
        var text = new StringBuilder();
        text.Append("Proposed bundle ").Append(Request.Id).Append(" (after ").Append(newest.Id).Append("):\n");
        foreach (var item in newest.Components.OrderBy(item => item.Component))
        {
            var component = Components.FirstOrDefault(candidate => candidate.Changes.Component == item.Component);
            var version = Version(item.Component);
            text.Append("  ").Append(item.Component.Id).Append(' ').Append(item.Version.ToNormalizedString())
                .Append(" → ").Append(version.ToNormalizedString()).Append(component?.Proposal switch
                {
                    { Next: not null, DecidedBy: { } entry } proposal =>
                        $" ({proposal.Bump}: {entry.Commit.ShortSha} {entry.Commit.Subject})",
                    { Current: not null } => " (released, nothing unreleased)",
                    _ => string.Empty,
                }).Append('\n');
        }

        text.Append(Tags.IsEmpty ? "Tags to cut: none (every version is released).\n" : "Tags to cut, in this order:\n");
        for (var index = 0; index < Tags.Length; index++)
        {
            text.Append("  ").Append(index + 1).Append(". ").Append(Tags[index]).Append('\n');
        }

        text.Append("To apply (after the tags exist): provisioning-dist new-bundle --bundle ").Append(Request.Id)
            .Append(" --core ").Append(Request.Core.ToNormalizedString())
            .Append(" --platform ").Append(Request.Platform.ToNormalizedString())
            .Append(" --workspace ").Append(Request.Workspace.ToNormalizedString());
        if (!Request.Extensions.IsEmpty)
        {
            text.Append(" --extensions ").Append(string.Join(',', Request.Extensions.Select(pin => pin.ToString())));
        }

        return text.Append('\n').ToString();
    }

    private NuGetVersion Version(ComponentId component) => component.Kind switch
    {
        ComponentKind.Core => Request.Core,
        ComponentKind.Platform => Request.Platform,
        ComponentKind.Workspace => Request.Workspace,
        _ => Request.Extensions.First(pin => pin.Name == component.Name).Version,
    };

    public bool Equals(BundleProposal? other) =>
        other is not null && Request == other.Request && Components.SequenceEqual(other.Components) && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(Request, Tags.Length);
}
