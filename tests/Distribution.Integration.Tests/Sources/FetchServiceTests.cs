using Distribution.Testing;
using Distribution.Adapters.Sources;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;

namespace Distribution.Integration.Tests.Sources;

public sealed class FetchServiceTests
{
    [Fact]
    public async Task Second_fetch_finds_nothing_new_and_reuses_the_exports()
    {
        using var testbed = new SourceTestbed();

        var first = await testbed.FetchAsync(SourceTestbed.Stable32);
        var service = new FetchService(testbed.Cache);
        var second = await testbed.FetchAsync(
            SourceTestbed.Stable32, LockFile.Empty.WithBundle("stable-3.2", first.Locked), service: service);

        Assert.All(first.Components, component => Assert.True(component.ExportedNow));
        Assert.Equal<LockedComponent>(first.Locked, second.Locked);
        Assert.All(second.Components, component => Assert.False(component.ExportedNow));
        Assert.All(service.MirrorUpdates.Values, update => Assert.True(update.UpToDate, update.Describe()));
        Assert.Equal(4, service.MirrorUpdates.Count);
        Assert.Empty(second.Warnings);
        Assert.False(Directory.Exists(Path.Combine(first.Components[0].ExportPath, ".git")));
    }

    [UnixOnlyFact("file modes and symbolic links are Unix's")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Exports_keep_modes_and_symlinks_and_an_extension_gets_only_its_folder()
    {
        using var testbed = new SourceTestbed();

        var result = await testbed.FetchAsync(SourceTestbed.Bundle("integration", "core@3.3.0", "ext-mongodb@1.2.0"));

        var core = result.Components[0].ExportPath;
        Assert.True(File.GetUnixFileMode(Path.Combine(core, "bin", "provisioning")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(core, "version.toml")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("provisioning", new FileInfo(Path.Combine(core, "bin", "prov")).LinkTarget);
        var mongodb = result.Components[1];
        Assert.Equal(
            ["README.md", "kcl", "manifest.toml", "nulib"],
            Directory.EnumerateFileSystemEntries(mongodb.ExportPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(
            await SourceTestbed.Git.RunCheckedAsync(
                testbed.Cache.MirrorPathOf(SourceTestbed.DefaultSources[ComponentKind.Extension]),
                ["rev-parse", "mongodb/v1.2.0:mongodb"],
                CancellationToken.None),
            mongodb.Locked.Tree + "\n");
        Assert.Contains(
            "version = \"1.2.0\"",
            await File.ReadAllTextAsync(Path.Combine(mongodb.ExportPath, "manifest.toml")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moved_tag_is_refused_naming_both_commits()
    {
        using var testbed = new SourceTestbed();
        var remote = await testbed.CopyOfSampleAsync("provisioning-workspace");
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Workspace, new ComponentSource(ComponentKind.Workspace, remote, "v{version}", string.Empty, string.Empty));
        var bundle = SourceTestbed.Bundle("stable-3.2", "core@3.2.1", "workspace@1.4.0");
        var first = await testbed.FetchAsync(bundle);
        var lockFile = LockFile.Empty.WithBundle("stable-3.2", first.Locked);
        var old = first.Locked[1].Commit;
        var moved = await MoveTagToACopyOfItsCommitAsync(remote, "v1.4.0");

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(bundle, lockFile));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC021", diagnostic.Code);
        Assert.Contains(old, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(moved, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moved_tag_is_accepted_with_update_lock_and_warned_about()
    {
        using var testbed = new SourceTestbed();
        var remote = await testbed.CopyOfSampleAsync("provisioning-workspace");
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Workspace, new ComponentSource(ComponentKind.Workspace, remote, "v{version}", string.Empty, string.Empty));
        var bundle = SourceTestbed.Bundle("stable-3.2", "core@3.2.1", "workspace@1.4.0");
        var first = await testbed.FetchAsync(bundle);
        var moved = await MoveTagToACopyOfItsCommitAsync(remote, "v1.4.0");

        var second = await testbed.FetchAsync(bundle, LockFile.Empty.WithBundle("stable-3.2", first.Locked), updateLock: true);

        Assert.Equal(moved, second.Locked[1].Commit);
        Assert.Equal(first.Locked[1].Tree, second.Locked[1].Tree);
        Assert.Contains(second.Warnings, warning => warning.Code == "SRC021" && !warning.IsError);
    }

    [Fact]
    public async Task Lock_with_another_tree_for_the_same_commit_is_refused_naming_both_trees()
    {
        using var testbed = new SourceTestbed();
        var bundle = SourceTestbed.Bundle("stable-3.2", "core@3.2.1", "ext-redis@1.1.0");
        var first = await testbed.FetchAsync(bundle);
        var zeros = new string('0', 40);
        var edited = LockFile.Empty.WithBundle("stable-3.2", [first.Locked[0] with { Tree = zeros }, first.Locked[1]]);

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(bundle, edited));
        var accepted = await testbed.FetchAsync(bundle, edited, updateLock: true);

        var error = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC026", error.Code);
        Assert.Contains(
            $"commit {first.Locked[0].Commit} of tag 'v3.2.1' has tree {first.Locked[0].Tree} "
                + $"in the mirror, but the lock of bundle 'stable-3.2' says tree {zeros}",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal<LockedComponent>(first.Locked, accepted.Locked);
        Assert.Equal("SRC026", Assert.Single(accepted.Warnings).Code);
    }

    [Fact]
    public async Task Missing_tag_names_the_nearest_tags()
    {
        using var testbed = new SourceTestbed();

        var exception = await Assert.ThrowsAsync<UserErrorException>(
            () => testbed.FetchAsync(SourceTestbed.Bundle("b", "core@3.2.4", "ext-redis@1.0.0")));

        Assert.Equal(
            [
                "error SRC020: core 3.2.4: tag 'v3.2.4' does not exist in sample:provisioning-core — the "
                    + "nearest tags are v3.2.0, v3.2.1, v3.3.0; fix the version in bundle 'b' or tag the release",
                "error SRC020: ext-redis 1.0.0: tag 'redis/v1.0.0' does not exist in sample:provisioning-extensions — "
                    + "the nearest tags are redis/v0.9.1, redis/v1.1.0; fix the version in bundle 'b' or tag the release",
            ],
            exception.Diagnostics.Select(diagnostic => diagnostic.ToString()));
    }

    [Fact]
    public async Task Missing_repository_is_a_clear_error_and_leaves_no_mirror()
    {
        using var testbed = new SourceTestbed();
        var missing = Path.Combine(testbed.Root, "no-such-repository.git");
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Core, new ComponentSource(ComponentKind.Core, missing, "v{version}", string.Empty, string.Empty));

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(SourceTestbed.Bundle("b", "core@3.2.1")));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC010", diagnostic.Code);
        Assert.Contains(missing, diagnostic.Message, StringComparison.Ordinal);
        // Only the mirror's lock file may stay (empty; kept, since deleting a lock file races with a run that opens it).
        Assert.False(Directory.Exists(testbed.Cache.MirrorsFolder)
            && Directory.EnumerateFileSystemEntries(testbed.Cache.MirrorsFolder)
                .Any(entry => !entry.EndsWith(".git.lock", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_sample_names_the_samples_there_are()
    {
        using var testbed = new SourceTestbed();
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Core,
            new ComponentSource(ComponentKind.Core, "sample:provisioning-kore", "v{version}", string.Empty, string.Empty));

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(SourceTestbed.Bundle("b", "core@3.2.1")));

        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC006", diagnostic.Code);
        Assert.Contains("sample:provisioning-core", diagnostic.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_with_a_deleted_object_is_rebuilt_and_the_export_is_right()
    {
        using var testbed = new SourceTestbed();
        var bundle = SourceTestbed.Bundle("b", "core@3.2.1");
        var first = await testbed.FetchAsync(bundle);
        var mirror = testbed.Cache.MirrorPathOf(SourceTestbed.DefaultSources[ComponentKind.Core]);
        var blob = (await SourceTestbed.Git.RunCheckedAsync(mirror, ["rev-parse", "v3.2.1:version.toml"], CancellationToken.None)).Trim();
        var loose = Path.Combine(mirror, "objects", blob[..2], blob[2..]);
        Assert.True(File.Exists(loose), "the small sample's objects arrive loose");
        File.Delete(loose);
        Directory.Delete(first.Components[0].ExportPath, recursive: true);

        var service = new FetchService(testbed.Cache);
        var second = await testbed.FetchAsync(bundle, LockFile.Empty.WithBundle("b", first.Locked), service: service);

        Assert.Equal<LockedComponent>(first.Locked, second.Locked);
        Assert.Contains(service.Log, line => line.Contains("rebuilding the mirror", StringComparison.Ordinal));
        var update = Assert.Single(service.MirrorUpdates.Values);
        Assert.True(update.Rebuilt);
        Assert.False(update.UpToDate);
        Assert.Equal("mirror was damaged and has been rebuilt", update.Describe());
        Assert.Contains(
            "version = \"3.2.1\"",
            await File.ReadAllTextAsync(Path.Combine(second.Components[0].ExportPath, "version.toml")),
            StringComparison.Ordinal);
        Assert.True(File.Exists(loose) || Directory.EnumerateFiles(Path.Combine(mirror, "objects", "pack"), "*.pack").Any());
    }

    [Fact]
    public async Task Extension_whose_manifest_needs_a_newer_core_is_refused()
    {
        using var testbed = new SourceTestbed();

        var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(SourceTestbed.Bundle(
            "b", "core@3.2.1", "platform@2.6.0", "ext-azure@2.0.0", "ext-redis@1.1.0")));

        Assert.Equal(["SRC032", "SRC032"], exception.Diagnostics.Select(diagnostic => diagnostic.Code));
        Assert.Contains(
            exception.Diagnostics, diagnostic => diagnostic.Message.StartsWith("platform 2.6.0 needs core ^3.3", StringComparison.Ordinal));
        Assert.Contains(
            exception.Diagnostics,
            diagnostic => diagnostic.Message.StartsWith("ext-azure 2.0.0 needs core ^3.3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runtime_dependencies_of_each_manifest_are_carried_and_development_ones_are_not()
    {
        using var testbed = new SourceTestbed();

        var result = await testbed.FetchAsync(SourceTestbed.Stable32);

        var components = result.ManifestComponents.ToDictionary(
            component => component.Component.Id,
            component => string.Join(", ", component.RuntimeDependencies.Select(pair => $"{pair.Key} {pair.Value}")));
        Assert.Equal("kcl >=0.11, nushell >=0.112", components["core"]);
        Assert.Equal("dotnet-runtime 10.0", components["platform"]);
        Assert.Equal(string.Empty, components["workspace"]);
        Assert.Equal("azure-cli >=2.60", components["ext-azure"]);
        Assert.Equal("mongodb-server >=7.0", components["ext-mongodb"]);
        Assert.Equal("redis-server >=7.2", components["ext-redis"]);
        Assert.DoesNotContain(
            result.ManifestComponents,
            component => component.RuntimeDependencies.ContainsKey("nufmt")
                || component.RuntimeDependencies.ContainsKey("dotnet-sdk")
                || component.RuntimeDependencies.ContainsKey("kcl") && component.Component != ComponentId.Core);
        Assert.Equal(
            result.Locked,
            result.ManifestComponents.Select(component => new LockedComponent(
                component.Component, component.Version, component.Tag, component.Commit, component.Tree)));
    }

    [Fact]
    public async Task Commit_time_is_the_committer_date_with_its_offset()
    {
        using var testbed = new SourceTestbed();
        var result = await testbed.FetchAsync(SourceTestbed.Bundle("b", "core@3.2.1"));
        var mirror = await testbed.Cache.MirrorAsync(SourceTestbed.DefaultSources[ComponentKind.Core], CancellationToken.None);

        var time = await SourceTestbed.Git.CommitTimeAsync(mirror, result.Locked[0].Commit, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2025, 7, 15, 10, 0, 0, TimeSpan.FromHours(2)), time);
        Assert.Equal(TimeSpan.FromHours(2), time.Offset);
        Assert.Equal(time, result.Components[0].Committed);
        Assert.Equal(TimeSpan.FromHours(2), result.Components[0].Committed.Offset);
    }

    [Fact]
    public async Task Mirror_missing_the_tree_of_a_tagged_commit_is_rebuilt_and_the_export_is_right()
    {
        using var testbed = new SourceTestbed();
        var bundle = SourceTestbed.Bundle("b", "core@3.2.1", "ext-redis@1.1.0");
        var first = await testbed.FetchAsync(bundle);
        var mirror = testbed.Cache.MirrorPathOf(SourceTestbed.DefaultSources[ComponentKind.Core]);
        var tree = (await SourceTestbed.Git.RunCheckedAsync(mirror, ["rev-parse", "v3.2.1^{tree}"], CancellationToken.None)).Trim();
        var loose = Path.Combine(mirror, "objects", tree[..2], tree[2..]);
        Assert.True(File.Exists(loose), "the small sample's objects arrive loose");
        File.Delete(loose);

        var service = new FetchService(testbed.Cache);
        var second = await testbed.FetchAsync(bundle, LockFile.Empty.WithBundle("b", first.Locked), service: service);

        Assert.Equal<LockedComponent>(first.Locked, second.Locked);
        Assert.Contains(
            service.Log,
            line => line.StartsWith(
                "sample:provisioning-core: reading v3.2.1 from the mirror failed (cannot read the tree of commit ",
                StringComparison.Ordinal));
        Assert.True(service.MirrorUpdates[mirror].Rebuilt);
        Assert.False(service.MirrorUpdates[testbed.Cache.MirrorPathOf(SourceTestbed.DefaultSources[ComponentKind.Extension])].Rebuilt);
        Assert.Empty(second.Warnings);
        Assert.Equal(first.Components.Select(component => component.Committed), second.Components.Select(component => component.Committed));
    }

    /// <summary>
    /// Makes a new commit with the same tree and message as the tag's (so the manifest still agrees) and moves the tag to it.
    /// </summary>
    private static async Task<string> MoveTagToACopyOfItsCommitAsync(string repository, string tag)
    {
        var git = SourceTestbed.Git;
        var commit = await SourceTestbed.CopyOfTaggedCommitAsync(repository, tag);
        await git.RunCheckedAsync(repository, ["update-ref", "refs/heads/main", commit], CancellationToken.None);
        await git.RunCheckedAsync(repository, ["tag", "-f", tag, commit], CancellationToken.None);
        return commit;
    }
}
