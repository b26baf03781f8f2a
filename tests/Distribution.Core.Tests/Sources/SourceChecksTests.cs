using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Sources;

public sealed class SourceChecksTests
{
    private static readonly ComponentSource Extensions = new(
        ComponentKind.Extension, "sample:provisioning-extensions", "{name}/v{version}", "{name}", string.Empty);
    private static readonly ComponentSource Core = new(
        ComponentKind.Core, "sample:provisioning-core", "v{version}", string.Empty, string.Empty);

    private static readonly string[] ExtensionTags = [
        "mongodb/v0.9.2", "mongodb/v1.2.0", "redis/v0.9.1", "redis/v1.1.0", "azure/v1.3.0", "azure/v2.0.0", "mongodb/not-a-version"];

    [Fact]
    public void Versions_are_read_from_tags_with_the_components_prefix_only()
    {
        var versions = SourceChecks.VersionsOf(Extensions, ComponentId.Extension("mongodb"), ExtensionTags);

        Assert.Equal(["0.9.2", "1.2.0"], versions.Keys.Select(version => version.ToNormalizedString()));
        Assert.Equal("mongodb/v1.2.0", versions[NuGetVersion.Parse("1.2.0")]);
    }

    [Fact]
    public void Missing_tag_names_the_nearest_tags_below_and_above()
    {
        string[] tags = ["v3.1.0", "v3.1.5", "v3.2.0", "v3.2.1", "v3.3.0", "not-a-tag"];

        var nearest = SourceChecks.NearestTags(Core, ComponentId.Core, NuGetVersion.Parse("3.2.4"), tags);
        var diagnostic = SourceChecks.MissingTag(
            "stable-3.2", new BundleComponent(ComponentId.Core, NuGetVersion.Parse("3.2.4")), "v3.2.4", Core.Repository, nearest);

        Assert.Equal<string>(["v3.2.0", "v3.2.1", "v3.3.0"], nearest);
        Assert.Equal(
            "error SRC020: core 3.2.4: tag 'v3.2.4' does not exist in sample:provisioning-core — the nearest "
                + "tags are v3.2.0, v3.2.1, v3.3.0; fix the version in bundle 'stable-3.2' or tag the release",
            diagnostic.ToString());
    }

    [Fact]
    public void Moved_tag_is_refused_naming_both_commits()
    {
        var locked = Locked("v3.2.1", new string('a', 40));
        var found = Locked("v3.2.1", new string('b', 40));

        var diagnostic = SourceChecks.MovedTag("stable-3.2", locked, found, updateLock: false, "version-management/versions.lock");

        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.IsError);
        Assert.Equal("SRC021", diagnostic.Code);
        Assert.Contains(new string('a', 40), diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(new string('b', 40), diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_tag_stands_where_versions_toml_names_the_version()
    {
        var where = new SourceLocation("version-management/versions.toml", 69, 8);

        var diagnostic = SourceChecks.MissingTag(
            "stable-3.2", new BundleComponent(ComponentId.Core, NuGetVersion.Parse("3.2.4")), "v3.2.4", Core.Repository, [], where);

        Assert.StartsWith(
            "version-management/versions.toml(69,8): error SRC020: core 3.2.4", diagnostic.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lock_errors_stand_at_the_lock_entry_and_name_the_bundle_line_of_versions_toml()
    {
        var lockText = "schema = 1\n\n[bundles.\"stable-3.2\".core]\nversion = \"3.2.1\"\ntag = \"v3.2.1\"\n"
            + $"commit = \"{new string('a', 40)}\"\ntree = \"{new string('c', 40)}\"\n";
        var locked = LockFile.Parse(lockText, "version-management/versions.lock").Find("stable-3.2", ComponentId.Core)!;
        var entry = new SourceLocation("version-management/versions.toml", 69, 8);

        var moved = SourceChecks.MovedTag(
            "stable-3.2",
            locked,
            locked with { Commit = new string('b', 40) },
            updateLock: false,
            "version-management/versions.lock",
            entry);
        var tree = SourceChecks.ChangedTree(
            "stable-3.2", locked, locked with { Tree = new string('d', 40) }, updateLock: false, "version-management/versions.lock", entry);
        var unknown = SourceChecks.MovedTag(
            "stable-3.2", locked with { Location = SourceLocation.None }, locked with { Commit = new string('b', 40) }, false, "v.lock");

        Assert.StartsWith("version-management/versions.lock(3,1): error SRC021: tag 'v3.2.1'", moved!.ToString(), StringComparison.Ordinal);
        Assert.Contains(
            "(bundle 'stable-3.2' names it at version-management/versions.toml(69,8))", moved.Message, StringComparison.Ordinal);
        Assert.StartsWith("version-management/versions.lock(3,1): error SRC026", tree!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("v.lock: error SRC021", unknown!.ToString(), StringComparison.Ordinal);
        Assert.Equal(locked, locked with { Location = SourceLocation.None });
    }

    [Fact]
    public void Moved_tag_is_a_warning_with_update_lock_and_nothing_when_unchanged_or_unlocked()
    {
        var locked = Locked("v3.2.1", new string('a', 40));

        var accepted = SourceChecks.MovedTag(
            "stable-3.2", locked, Locked("v3.2.1", new string('b', 40)), updateLock: true, "versions.lock")!;
        Assert.False(accepted.IsError);
        Assert.NotEmpty(accepted.Fix);
        Assert.Null(SourceChecks.MovedTag("stable-3.2", locked, locked, updateLock: false, "versions.lock"));
        Assert.Null(SourceChecks.MovedTag("stable-3.2", null, locked, updateLock: false, "versions.lock"));
        Assert.Null(SourceChecks.MovedTag("stable-3.2", Locked("v3.2.0", new string('c', 40)), locked, updateLock: false, "versions.lock"));
    }

    [Fact]
    public void Same_commit_with_another_tree_than_the_lock_is_an_error_naming_both_trees()
    {
        var locked = Locked("v3.2.1", new string('a', 40)) with { Tree = new string('0', 40) };
        var found = Locked("v3.2.1", new string('a', 40));

        var diagnostic = SourceChecks.ChangedTree("stable-3.2", locked, found, updateLock: false, "version-management/versions.lock");

        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.IsError);
        Assert.Equal("SRC026", diagnostic.Code);
        Assert.Equal(
            $"version-management/versions.lock: error SRC026: core 3.2.1: commit {new string('a', 40)} of tag 'v3.2.1' has tree "
                + $"{new string('f', 40)} in the mirror, but the lock of bundle 'stable-3.2' says tree {new string('0', 40)} — a "
                + "commit's tree never changes, so the lock was edited or damaged: restore it from git (git checkout "
                + "version-management/versions.lock); if [components.extensions] path changed on purpose, run again with --update-lock",
            diagnostic.ToString());
        var accepted = SourceChecks.ChangedTree("stable-3.2", locked, found, updateLock: true, "versions.lock");
        Assert.False(accepted!.IsError);
        Assert.NotEmpty(accepted.Fix);
    }

    [Fact]
    public void Tree_check_leaves_unlocked_moved_and_agreeing_entries_alone()
    {
        var found = Locked("v3.2.1", new string('a', 40));

        Assert.Null(SourceChecks.ChangedTree("stable-3.2", null, found, updateLock: false, "versions.lock"));
        Assert.Null(SourceChecks.ChangedTree("stable-3.2", found, found, updateLock: false, "versions.lock"));
        Assert.Null(SourceChecks.ChangedTree(
            "stable-3.2",
            Locked("v3.2.1", new string('b', 40)) with { Tree = new string('0', 40) },
            found,
            updateLock: false,
            "versions.lock"));
        Assert.Null(SourceChecks.ChangedTree(
            "stable-3.2",
            Locked("v3.2.0", new string('a', 40)) with { Tree = new string('0', 40) },
            found,
            updateLock: false,
            "versions.lock"));
    }

    [Fact]
    public void Extension_whose_core_range_excludes_the_bundles_core_is_refused()
    {
        var bundle = Bundle(("core", "3.2.1"), ("ext-azure", "2.0.0"));
        var manifest = Manifest("2.0.0", "^3.3", "azure");

        var diagnostics = SourceChecks.CheckManifest(
            bundle, bundle.Components[1], manifest, "azure/v2.0.0", "ext-azure@azure/v2.0.0:manifest.toml");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "ext-azure@azure/v2.0.0:manifest.toml: error SRC032: ext-azure 2.0.0 needs core ^3.3 (its manifest at tag 'azure/v2.0.0'), but "
                + "bundle 'stable-3.2' has core 3.2.1 — use a version of ext-azure made for core 3.2.1, or a core that satisfies ^3.3",
            diagnostic.ToString());
    }

    [Fact]
    public void Manifest_that_agrees_with_the_bundle_passes_and_a_wrong_version_is_named()
    {
        var bundle = Bundle(("core", "3.2.1"), ("ext-mongodb", "1.2.0"));

        Assert.Empty(SourceChecks.CheckManifest(bundle, bundle.Components[1], Manifest("1.2.0", "^3.2"), "mongodb/v1.2.0", "m"));
        var wrong = Assert.Single(SourceChecks.CheckManifest(
            bundle, bundle.Components[1], Manifest("1.1.9", "^3.2"), "mongodb/v1.2.0", "m"));
        Assert.Equal("SRC031", wrong.Code);
        Assert.Equal(
            "SRC030",
            Assert.Single(SourceChecks.CheckManifest(
                bundle, bundle.Components[1], Manifest("1.2.0", "three"), "mongodb/v1.2.0", "m")).Code);
    }

    private static LockedComponent Locked(string tag, string commit) =>
        new(ComponentId.Core, NuGetVersion.Parse(tag[1..]), tag, commit, new string('f', 40));

    [Fact]
    public void Keys_a_kind_of_component_must_have_are_errors_when_missing()
    {
        var bundle = Bundle(("core", "3.2.1"), ("platform", "2.5.3"), ("ext-mongodb", "1.2.0"));
        var empty = new ComponentManifest(
            string.Empty, null, null, ImmutableSortedDictionary<string, string>.Empty, ImmutableSortedDictionary<string, string>.Empty);

        var core = SourceChecks.CheckManifest(bundle, bundle.Components[0], empty, "v3.2.1", "core@v3.2.1:version.toml");
        var platform = SourceChecks.CheckManifest(bundle, bundle.Components[1], empty, "v2.5.3", "platform@v2.5.3:manifest.toml");
        var extension = SourceChecks.CheckManifest(
            bundle, bundle.Components[2], empty, "mongodb/v1.2.0", "ext-mongodb@mongodb/v1.2.0:manifest.toml");

        // The core has no core-version and no name to compare; the platform no name to compare.
        Assert.Equal(["core 3.2.1: the manifest at tag 'v3.2.1' has no version"], core.Select(item => item.Message));
        Assert.Equal(
            [
                "platform 2.5.3: the manifest at tag 'v2.5.3' has no version",
                "platform 2.5.3: the manifest at tag 'v2.5.3' has no core-version, so nothing says which cores it works with"],
            platform.Select(item => item.Message));
        Assert.Equal(["SRC030", "SRC030", "SRC030"], extension.Select(item => item.Code));
        Assert.Contains("has no name", extension[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("add version = \"1.2.0\"", extension[0].Fix, StringComparison.Ordinal);
        Assert.StartsWith("add name = \"mongodb\"", extension[1].Fix, StringComparison.Ordinal);
        Assert.All(core.Concat(platform).Concat(extension), item => Assert.Equal("SRC030", item.Code));
    }

    [Fact]
    public void An_extension_whose_manifest_names_another_extension_is_refused()
    {
        var bundle = Bundle(("core", "3.2.1"), ("ext-mongodb", "1.2.0"));

        var diagnostic = Assert.Single(SourceChecks.CheckManifest(
            bundle, bundle.Components[1], Manifest("1.2.0", "^3.2", "redis"), "mongodb/v1.2.0", "m"));

        Assert.Equal("SRC031", diagnostic.Code);
        Assert.Equal(
            "ext-mongodb 1.2.0: the manifest at tag 'mongodb/v1.2.0' is the manifest of 'redis', not of 'mongodb'", diagnostic.Message);
        Assert.Empty(SourceChecks.CheckManifest(
            bundle, Bundle(("platform", "1.2.0")).Components[0], Manifest("1.2.0", "^3.2", "platform"), "v1.2.0", "m"));
    }

    private static ComponentManifest Manifest(string version, string core, string name = "mongodb") =>
        new(
            name,
            NuGetVersion.Parse(version),
            core,
            ImmutableSortedDictionary<string, string>.Empty,
            ImmutableSortedDictionary<string, string>.Empty);

    private static BundleSpec Bundle(params (string Id, string Version)[] components) =>
        new(
            "stable-3.2",
            "Stable 3.2",
            BundleKind.Stable,
            null,
            null,
            [.. components.Select(item => new BundleComponent(ComponentId.TryParse(item.Id)!, NuGetVersion.Parse(item.Version)))]);
}
