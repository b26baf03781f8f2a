using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.CommitSamples;

namespace Distribution.Core.Tests.ReleaseNotes;

public sealed class BundleProposalTests
{
    [Fact]
    public void Next_bundle_takes_each_next_version_and_lists_the_tags_to_cut_core_first()
    {
        var newest = SampleNotes.Bundle(
            "stable-3.2", BundleKind.Stable, "2025-10-15", "core@3.2.1", "platform@2.5.3", "workspace@1.4.0", "ext-mongodb@1.2.0");
        var sources = new Dictionary<ComponentKind, ComponentSource>
        {
            [ComponentKind.Core] = new(ComponentKind.Core, "https://example.com/core.git", "v{version}", string.Empty, string.Empty),
            [ComponentKind.Extension] = new(
                ComponentKind.Extension, "https://example.com/extensions.git", "{name}/v{version}", "{name}", string.Empty),
        };

        var proposal = BundleProposal.For(
            newest,
            [
                Unreleased(ComponentId.Extension("mongodb"), "1.2.0", "fix(mongodb): quote passwords"),
                Unreleased(ComponentId.Core, "3.3.0", "feat(cli)!: settings.k only"),
                Unreleased(ComponentId.Platform, "2.6.0", "docs: a page"),
            ],
            sources,
            new DateOnly(2026, 12, 6));

        Assert.Equal("stable-4.0", proposal.Request.Id);
        Assert.Equal(
            ("4.0.0", "2.6.0", "1.4.0", "mongodb@1.2.1"),
            (proposal.Request.Core.ToNormalizedString(), proposal.Request.Platform.ToNormalizedString(),
                proposal.Request.Workspace.ToNormalizedString(),
                string.Join(',', proposal.Request.Extensions.Select(pin => pin.ToString()))));
        Assert.Equal(
            ["v4.0.0 in https://example.com/core.git", "mongodb/v1.2.1 in https://example.com/extensions.git"], proposal.Tags.ToArray());
        Assert.Contains(
            "  core 3.2.1 → 4.0.0 (major: 0000001 feat(cli)!: settings.k only)\n", proposal.Describe(newest), StringComparison.Ordinal);
    }

    private static UnreleasedComponent Unreleased(ComponentId component, string released, string message)
    {
        var changes = ReleaseNotesBuilder.ForComponent(component, NuGetVersion.Parse(released), null, [Commit(1, message)]);
        return new UnreleasedComponent(changes, "main", VersionProposal.For(changes, changes.From));
    }
}
