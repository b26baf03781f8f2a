using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Sources;

public sealed class LockFileTests
{
    [Fact]
    public void Lock_text_has_the_documented_layout_with_bundles_sorted_and_components_in_order()
    {
        var lockFile = LockFile.Empty
            .WithBundle("stable-3.2", [Locked("ext-mongodb", "1.2.0", "mongodb/v1.2.0", 'c'), Locked("core", "3.2.1", "v3.2.1", 'a')])
            .WithBundle("lts-3.1", [Locked("core", "3.1.5", "v3.1.5", 'b')]);

        Snapshot.Match(lockFile.Write());
    }

    [Fact]
    public void Lock_text_reads_back_to_the_same_lock()
    {
        var lockFile = LockFile.Empty.WithBundle(
            "stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a'), Locked("ext-azure", "1.3.0", "azure/v1.3.0", 'c')]);

        Assert.Equal(lockFile, LockFile.Parse(lockFile.Write(), "versions.lock"));
    }

    [Fact]
    public void Malformed_lock_entries_are_reported_at_their_place()
    {
        const string text = "schema = 1\n\n[bundles.\"stable-3.2\".core]\nversion "
            + "= \"3.2.1\"\ntag = \"v3.2.1\"\ncommit = \"abc\"\ntree = \""
            + "0123456789abcdef0123456789abcdef01234567"
            + "\"\n";

        var exception = Assert.Throws<Distribution.Core.Diagnostics.UserErrorException>(() => LockFile.Parse(text, "versions.lock"));

        Assert.Equal(
            "versions.lock(6,10): error SRC024: bundles.\"stable-3.2\".core.commit must be a 40-character "
                + "hex object id — the lock is written by fetch and cannot be repaired by it: restore it "
                + "from git (git checkout versions.lock) or delete it, then run ./build.sh --target=Fetch",
            Assert.Single(exception.Diagnostics).ToString());
        Assert.DoesNotContain("--update-lock", exception.Diagnostics[0].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Disagreements_with_what_was_built_name_the_commit_both_ways_and_missing_components()
    {
        var lockFile = LockFile.Empty.WithBundle(
            "stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a'), Locked("ext-azure", "1.3.0", "azure/v1.3.0", 'c')]);

        var same = lockFile.Disagreements(
            "stable-3.2", [Locked("ext-azure", "1.3.0", "azure/v1.3.0", 'c'), Locked("core", "3.2.1", "v3.2.1", 'a')]);
        var moved = lockFile.Disagreements(
            "stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'b'), Locked("platform", "2.5.3", "v2.5.3", 'd')]);
        var unknown = lockFile.Disagreements("stable-9.9", []);

        Assert.Empty(same);
        Assert.Equal(
            [
                $"core: built from core 3.2.1 (v3.2.1 = {new string('b', 40)}), the lock pins core 3.2.1 (v3.2.1 = {new string('a', 40)})",
                $"platform: built as platform 2.5.3 (v2.5.3 = {new string('d', 40)}), but not in the lock",
                $"ext-azure: locked as ext-azure 1.3.0 (azure/v1.3.0 = {new string('c', 40)}), but not built",
            ],
            moved.AsEnumerable());
        Assert.Equal(["stable-9.9 is not in the lock"], unknown.AsEnumerable());
    }

    [Fact]
    public void Differences_name_every_added_changed_and_removed_component()
    {
        var before = LockFile.Empty.WithBundle(
            "stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a'), Locked("platform", "2.5.3", "v2.5.3", 'b')]);
        var after = LockFile.Empty.WithBundle(
            "stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'd'), Locked("workspace", "1.3.0", "v1.3.0", 'e')]);

        var lines = before.Differences(after);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("stable-3.2: core 3.2.1 (v3.2.1 = aaaa", lines[0], StringComparison.Ordinal);
        Assert.Contains("→ core 3.2.1 (v3.2.1 = dddd", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            $"stable-3.2: core 3.2.1 (v3.2.1 = {new string('a', 40)}, tree {new string('b', 40)}) "
                + $"→ core 3.2.1 (v3.2.1 = {new string('d', 40)}, tree {new string('e', 40)})",
            lines[0]);
        Assert.StartsWith("stable-3.2: remove platform", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("stable-3.2: add workspace", lines[2], StringComparison.Ordinal);
        Assert.Empty(after.Differences(after));
        Assert.Equal(after, LockFile.Empty.WithBundle("stable-3.2", after.Bundles["stable-3.2"].Reverse()));
    }

    [Fact]
    public void A_change_of_the_tree_alone_shows_in_its_change_line()
    {
        var before = LockFile.Empty.WithBundle("stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a')]);
        var after = LockFile.Empty.WithBundle("stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a') with { Tree = new string('0', 40) }]);

        var line = Assert.Single(before.Differences(after));

        Assert.Equal(
            $"stable-3.2: core 3.2.1 (v3.2.1 = {new string('a', 40)}, tree {new string('b', 40)}) "
                + $"→ core 3.2.1 (v3.2.1 = {new string('a', 40)}, tree {new string('0', 40)})",
            line);
    }

    private static LockedComponent Locked(string id, string version, string tag, char hex) =>
        new(ComponentId.TryParse(id)!, NuGetVersion.Parse(version), tag, new string(hex, 40), new string((char)(hex + 1), 40));

    [Fact]
    public void Lock_bytes_read_back_and_invalid_utf8_is_reported_at_its_place()
    {
        var lockFile = LockFile.Empty.WithBundle("stable-3.2", [Locked("core", "3.2.1", "v3.2.1", 'a')]);
        var bytes = System.Text.Encoding.UTF8.GetBytes(lockFile.Write());

        Assert.Equal(lockFile, LockFile.Parse(bytes, "versions.lock"));
        var exception = Assert.Throws<Distribution.Core.Diagnostics.UserErrorException>(() => LockFile.Parse(
            [.. bytes, .. "# "u8, 0xFF, (byte)'\n'], "versions.lock"));
        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal("SRC024", diagnostic.Code);
        Assert.StartsWith("invalid UTF-8 at byte", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal((lockFile.Write().Count(c => c == '\n') + 1, 3), (diagnostic.Location.Line, diagnostic.Location.Column));
    }
}
