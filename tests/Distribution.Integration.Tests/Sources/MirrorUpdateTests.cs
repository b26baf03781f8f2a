using Distribution.Adapters.Sources;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

/// <summary>Updating a mirror: asked of the origin first, fetched only when its branches or tags differ, every change reported.</summary>
public sealed class MirrorUpdateTests
{
    [UnixOnlyFact("the recording git is a POSIX shell script")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_warm_fetch_asks_each_origin_once_fetches_nothing_and_reads_each_mirror_in_one_batch()
    {
        using var git = new RecordingGit();
        using var testbed = new SourceTestbed(git.Git);
        var first = await testbed.FetchAsync(SourceTestbed.Stable32);
        git.Clear();

        var service = new FetchService(testbed.Cache);
        var second = await testbed.FetchAsync(
            SourceTestbed.Stable32, LockFile.Empty.WithBundle("stable-3.2", first.Locked), service: service);

        Assert.Equal<LockedComponent>(first.Locked, second.Locked);
        Assert.All(service.MirrorUpdates.Values, update => Assert.True(update.UpToDate, update.Describe()));
        Assert.Equal(4, git.Count("ls-remote --heads --tags --refs "));
        Assert.Equal(4, git.Count("for-each-ref --format=" + MirrorRefs.Format));
        Assert.Equal(0, git.Count("fetch"));
        Assert.Equal(0, git.Count("config"));
        Assert.Equal(0, git.Count("for-each-ref --format=%(refname:strip=2)"));
        Assert.Equal(4, git.Count("cat-file --batch=" + TreeBatch.Format));
        Assert.Equal(0, git.Count("cat-file --batch-check"));
        Assert.Equal(0, git.Count("show"));
        Assert.Equal(1, git.Count("rev-list --not --branches")); // the extensions' three commits at once
        Assert.Equal(2, git.Count("for-each-ref --count=1 --contains")); // core and platform; workspace 1.4.0 is main's head
    }

    [Fact]
    public async Task New_moved_and_removed_refs_are_fetched_pruned_and_reported()
    {
        using var testbed = new SourceTestbed();
        var remote = await testbed.CopyOfSampleAsync("provisioning-workspace");
        var git = SourceTestbed.Git;
        await git.RunCheckedAsync(remote, ["branch", "topic", "v1.3.0"], CancellationToken.None);
        var source = new ComponentSource(ComponentKind.Workspace, remote, "v{version}", string.Empty, string.Empty);
        var created = await testbed.Cache.UpdateMirrorAsync(source, CancellationToken.None);
        var createdTags = (await git.RefsAndTagsAsync(created.Mirror, CancellationToken.None)).Tags;
        var older = (await git.RunCheckedAsync(remote, ["rev-parse", "v1.3.0^{commit}"], CancellationToken.None)).Trim();
        await git.RunCheckedAsync(remote, ["branch", "-D", "topic"], CancellationToken.None);
        await git.RunCheckedAsync(remote, ["tag", "-f", "v1.4.0", older], CancellationToken.None);
        await git.RunCheckedAsync(
            remote,
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "tag", "-a", "-m", "annotated", "v9.9.9", "v1.3.0"],
            CancellationToken.None);

        var update = await testbed.Cache.UpdateMirrorAsync(source, CancellationToken.None);
        var again = await testbed.Cache.UpdateMirrorAsync(source, CancellationToken.None);

        Assert.True(created.Created);
        Assert.Equal(createdTags, created.Tags);
        Assert.Contains("v1.4.0", created.Tags.Keys);
        Assert.Equal<string>(["removed branch topic", "moved tag v1.4.0", "new tag v9.9.9"], update.ChangedRefs);
        Assert.Equal("mirror updated: removed branch topic, moved tag v1.4.0, new tag v9.9.9", update.Describe());
        Assert.Equal(older, update.Tags["v1.4.0"]);
        Assert.Equal(older, update.Tags["v9.9.9"]);
        Assert.Equal<KeyValuePair<string, string>>(
            (await git.RefsAsync(remote, CancellationToken.None)).Where(pair => GitRefs.IsBranchOrTag(pair.Key)),
            await git.RefsAsync(update.Mirror, CancellationToken.None));
        Assert.True(again.UpToDate, again.Describe());
        Assert.Equal(update.Tags, again.Tags);
    }

    [Fact]
    public async Task A_repository_path_that_now_names_another_repository_is_fetched_from_it()
    {
        // The same relative path under two checkouts: one mirror (its name comes from the path as written), two origins.
        using var testbed = new SourceTestbed();
        var git = SourceTestbed.Git;
        var one = await CheckoutWithCoreAsync(testbed, "one");
        var two = await CheckoutWithCoreAsync(testbed, "two");
        await git.RunCheckedAsync(Path.Combine(two, "remotes", "core.git"), ["tag", "v9.9.9", "v3.2.1"], CancellationToken.None);
        var source = new ComponentSource(ComponentKind.Core, "remotes/core.git", "v{version}", string.Empty, string.Empty);
        var cacheOne = new SourceCache(one, testbed.Cache.CacheFolder, testbed.Samples, git);
        var cacheTwo = new SourceCache(two, testbed.Cache.CacheFolder, testbed.Samples, git);
        await cacheOne.UpdateMirrorAsync(source, CancellationToken.None);

        var fromTwo = await cacheTwo.UpdateMirrorAsync(source, CancellationToken.None);
        var urlTwo = (await git.RunCheckedAsync(fromTwo.Mirror, ["config", "remote.origin.url"], CancellationToken.None)).Trim();
        var backToOne = await cacheOne.UpdateMirrorAsync(source, CancellationToken.None);
        var urlOne = (await git.RunCheckedAsync(fromTwo.Mirror, ["config", "remote.origin.url"], CancellationToken.None)).Trim();

        Assert.Equal(cacheOne.MirrorPathOf(source), cacheTwo.MirrorPathOf(source));
        Assert.Equal<string>(["new tag v9.9.9"], fromTwo.ChangedRefs);
        Assert.Equal(Path.Combine(two, "remotes", "core.git"), urlTwo);
        Assert.Equal<string>(["removed tag v9.9.9"], backToOne.ChangedRefs);
        Assert.Equal(Path.Combine(one, "remotes", "core.git"), urlOne);
    }

    private static async Task<string> CheckoutWithCoreAsync(SourceTestbed testbed, string name)
    {
        var root = Path.Combine(testbed.Root, name);
        var copy = await testbed.CopyOfSampleAsync("provisioning-core");
        Directory.CreateDirectory(Path.Combine(root, "remotes"));
        var target = Path.Combine(root, "remotes", "core.git");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(copy, target);
        return root;
    }
}
