using System.Collections.Immutable;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using NuGet.Versioning;
using static Distribution.Core.Tests.ReleaseNotes.CommitSamples;

namespace Distribution.Core.Tests.ReleaseNotes;

/// <summary>A hand-made upgrade: core with a breaking change, an extension, an unchanged, an added and a removed component.</summary>
internal static class SampleNotes
{
    public static BundleSpec Bundle(string id, BundleKind kind, string date, params string[] components) =>
        new(id, id.StartsWith("lts-", StringComparison.Ordinal)
            ? "LTS " + id[4..] + " Bundle"
            : id.StartsWith("stable-", StringComparison.Ordinal)
                ? "Stable " + id[7..] + " Bundle"
                : id, kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), null,
            [.. components.Select(item => item.Split('@'))
                .Select(parts => new BundleComponent(ComponentId.TryParse(parts[0])!, NuGetVersion.Parse(parts[1])))
                .OrderBy(item => item.Component)]);

    public static BundleSpec Previous { get; } = Bundle(
        "stable-3.1", BundleKind.Stable, "2025-06-01", "core@3.1.0", "workspace@1.4.0", "ext-mongodb@0.9.2", "ext-legacy@0.1.0");

    public static BundleSpec Current { get; } = Bundle(
        "stable-3.2", BundleKind.Stable, "2025-10-15", "core@3.2.1", "workspace@1.4.0", "ext-mongodb@1.2.0", "ext-azure@1.3.0");

    public static BundleNotes Notes(
        string webUrl = "https://github.com/example/provisioning-core", IReadOnlyDictionary<int, PullRequestInfo>? pullRequests = null)
    {
        var core = ReleaseNotesBuilder.ForComponent(ComponentId.Core, NuGetVersion.Parse("3.1.0"), NuGetVersion.Parse("3.2.1"),
        [
            Commit(9, "fix(cli): exit 1 on a missing workspace (#131)", author: "Bo Reviewer"),
            Commit(8, "Merge pull request #130 from ann/config", parents: 2),
            Commit(
                7,
                "feat(config)!: read settings from provisioning.k (#130)\n\nThe loader prefers KCL now.\n\nBREAKING CHANGE: settings.yaml "
                    + "is no longer read.\nMove your settings to provisioning.k.\n\nRefs: #99\nCo-authored-by: Cy Doe <cy@example.com>"),
            Commit(6, "perf: cache parsed schemas"),
            Commit(5, "Update README"),
            Commit(4, "chore(deps): bump nu from 0.98 to 0.99", author: "dependabot[bot]"),
            Commit(3, "feat: `provisioning env` prints <settings> (#125)"),
        ], webUrl) with { FromTag = "v3.1.0", ToTag = "v3.2.1" };
        var mongodb = ReleaseNotesBuilder.ForComponent(ComponentId.Extension(
            "mongodb"), NuGetVersion.Parse("0.9.2"), NuGetVersion.Parse("1.2.0"),
        [
            Commit(20, "feat(mongodb): replica sets"),
            Commit(21, "fix(mongodb): quote passwords"),
        ]);
        if (pullRequests is not null)
        {
            core = PullRequestEnrichment.Apply(core, pullRequests);
        }

        return new BundleNotes(Current, Previous,
        [
            core,
            new ComponentChanges(ComponentId.Workspace, NuGetVersion.Parse("1.4.0"), NuGetVersion.Parse("1.4.0"), [], []),
            new ComponentChanges(ComponentId.Extension("azure"), null, NuGetVersion.Parse("1.3.0"), [], []),
            new ComponentChanges(ComponentId.Extension("legacy"), NuGetVersion.Parse("0.1.0"), null, [], []),
            mongodb,
        ]);
    }

    public static ImmutableDictionary<int, PullRequestInfo> PullRequests { get; } = new Dictionary<int, PullRequestInfo>
    {
        [130] = new(130, "feat(config)!: read settings from provisioning.k", "ann-example"),
        [131] = new(131, "Exit with 1 when the workspace is missing", "bo"),
    }.ToImmutableDictionary();
}
