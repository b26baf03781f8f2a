using Distribution.Adapters.Sources;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;

namespace Distribution.Integration.Tests.Sources;

public sealed class InterruptedFetchTests
{
    [Fact]
    public async Task Server_stopped_mid_fetch_gives_a_clear_error_leaves_the_mirror_usable_and_the_next_run_succeeds()
    {
        using var testbed = new SourceTestbed();
        var served = Path.Combine(testbed.Root, "served");
        Directory.CreateDirectory(served);
        var remote = await testbed.CopyOfSampleAsync("provisioning-core");
        Directory.Move(remote, Path.Combine(served, "provisioning-core.git"));
        remote = Path.Combine(served, "provisioning-core.git");
        var bundle = SourceTestbed.Bundle("b", "core@3.2.1");

        // Every run goes to one URL, a relay on a fixed port in front of the server of the moment: one repository,
        // so one mirror (mirrors are keyed by the whole URL).
        using var proxy = new CuttingProxy(0, long.MaxValue, () => { });
        UseRepository(testbed, $"git://127.0.0.1:{proxy.Port}/provisioning-core.git");

        // 1. The mirror is created over git://.
        LockFile lockFile;
        using (var daemon = await GitDaemon.StartAsync(served))
        {
            proxy.Retarget(daemon.Port, long.MaxValue, () => { });
            lockFile = LockFile.Empty.WithBundle("b", (await testbed.FetchAsync(bundle)).Locked);
        }

        // 2. The server gets 4 MB of new history; the next fetch is cut after 256 KB of it, when the server is stopped.
        await AddLargeBranchAsync(remote);
        var mirror = testbed.Cache.MirrorPathOf(testbed.Sources[ComponentKind.Core]);
        var refsBefore = await SourceTestbed.Git.RefsAsync(mirror, CancellationToken.None);
        using (var daemon = await GitDaemon.StartAsync(served))
        {
            proxy.Retarget(daemon.Port, 256 * 1024, daemon.Stop);

            var exception = await Assert.ThrowsAsync<UserErrorException>(() => testbed.FetchAsync(bundle, lockFile));

            Assert.True(proxy.Cut);
            Assert.False(daemon.IsRunning);
            var diagnostic = Assert.Single(exception.Diagnostics);
            Assert.Equal("SRC010", diagnostic.Code);
            Assert.Contains($"git://127.0.0.1:{proxy.Port}/provisioning-core.git", diagnostic.Message, StringComparison.Ordinal);
            Assert.StartsWith("the mirror is left as it was", diagnostic.Fix, StringComparison.Ordinal);
        }

        Assert.Equal(refsBefore, await SourceTestbed.Git.RefsAsync(mirror, CancellationToken.None));
        Assert.True((await SourceTestbed.Git.RunAsync(
            mirror, ["fsck", "--connectivity-only", "--no-progress"], CancellationToken.None)).Succeeded);
        Assert.Equal(lockFile.Bundles["b"][0].Commit, (await SourceTestbed.Git.TagsAsync(mirror, CancellationToken.None))["v3.2.1"]);

        // 3. With the server back, the same fetch succeeds and brings the new branch.
        using (var daemon = await GitDaemon.StartAsync(served))
        {
            proxy.Retarget(daemon.Port, long.MaxValue, () => { });
            var service = new FetchService(testbed.Cache);

            var result = await testbed.FetchAsync(bundle, lockFile, service: service);

            Assert.Equal<LockedComponent>(lockFile.Bundles["b"], result.Locked);
            Assert.Contains("new branch large", Assert.Single(service.MirrorUpdates.Values).ChangedRefs);
        }
    }

    private static void UseRepository(SourceTestbed testbed, string url) =>
        testbed.Sources = testbed.Sources.SetItem(
            ComponentKind.Core, new ComponentSource(ComponentKind.Core, url, "v{version}", string.Empty, string.Empty));

    /// <summary>A branch "large" with a 4 MB file of seeded random (incompressible) bytes on top of main.</summary>
    private static async Task AddLargeBranchAsync(string repository)
    {
        var git = SourceTestbed.Git;
        var data = new byte[4 * 1024 * 1024];
        new Random(20251121).NextBytes(data);
        var blob = (await git.RunCheckedAsync(repository, ["hash-object", "-w", "--stdin"], CancellationToken.None, data)).Trim();
        var tree = (await git.RunCheckedAsync(
            repository, ["mktree"], CancellationToken.None, System.Text.Encoding.UTF8.GetBytes($"100644 blob {blob}\tlarge.bin\n"))).Trim();
        var main = (await git.RunCheckedAsync(repository, ["rev-parse", "refs/heads/main"], CancellationToken.None)).Trim();
        var commit = (await git.RunCheckedAsync(
            repository,
            ["-c", "user.name=Test", "-c", "user.email=test@example.com", "commit-tree", tree, "-p", main, "-m", "chore: add a large file"],
            CancellationToken.None)).Trim();
        await git.RunCheckedAsync(repository, ["update-ref", "refs/heads/large", commit], CancellationToken.None);
    }
}
