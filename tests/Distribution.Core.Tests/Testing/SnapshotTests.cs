using Distribution.Testing;

namespace Distribution.Core.Tests.Testing;

/// <summary>The snapshot helper itself: a mismatch fails and writes .received, ACCEPT_SNAPSHOTS=1 accepts, scrubbing.</summary>
[Collection(SerialSnapshotTests.Name)]
public sealed class SnapshotTests
{
    [Fact]
    public void A_mismatch_writes_the_received_file_and_fails_and_a_match_removes_it()
    {
        using var work = new TempDirectory("snapshot");
        var source = work.Combine("FakeTests.cs");
        var verified = work.Combine("Snapshots", "FakeTests.Case.verified.txt");
        var received = work.Combine("Snapshots", "FakeTests.Case.received.txt");
        Directory.CreateDirectory(work.Combine("Snapshots"));
        File.WriteAllText(verified, "one\ntwo\n");

        var mismatch = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Match("one\nthree\n", sourceFile: source, method: "Case"));

        Assert.Contains("line 2: expected 'two' but got 'three'", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal("one\nthree\n", File.ReadAllText(received));
        Assert.Equal("one\ntwo\n", File.ReadAllText(verified));

        Snapshot.Match("one\r\ntwo\r\n", sourceFile: source, method: "Case");

        Assert.False(File.Exists(received));
    }

    [Fact]
    public void Without_a_verified_file_the_received_one_is_written_and_the_test_fails()
    {
        using var work = new TempDirectory("snapshot");

        var missing = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Match("{}", "json", "First", work.Combine("FakeTests.cs")));

        Assert.StartsWith("No verified snapshot", missing.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(work.Combine("Snapshots", "FakeTests.First.received.json")));
        Assert.False(File.Exists(work.Combine("Snapshots", "FakeTests.First.verified.json")));
    }

    [Fact]
    public void Accept_snapshots_1_writes_the_verified_file_and_passes()
    {
        using var work = new TempDirectory("snapshot");
        var source = work.Combine("FakeTests.cs");
        Directory.CreateDirectory(work.Combine("Snapshots"));
        File.WriteAllText(work.Combine("Snapshots", "FakeTests.Case.verified.txt"), "old\n");
        File.WriteAllText(work.Combine("Snapshots", "FakeTests.Case.received.txt"), "stale\n");
        var before = Environment.GetEnvironmentVariable(Snapshot.AcceptVariable);
        try
        {
            Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");
            Snapshot.Match("new\n", sourceFile: source, method: "Case");
        }
        finally
        {
            Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, before);
        }

        Assert.Equal("new\n", File.ReadAllText(work.Combine("Snapshots", "FakeTests.Case.verified.txt")));
        Assert.False(File.Exists(work.Combine("Snapshots", "FakeTests.Case.received.txt")));
        Snapshot.Match("new\n", sourceFile: source, method: "Case");
    }

    [Fact]
    public void Temp_folders_their_random_names_guids_timestamps_and_the_repository_are_scrubbed()
    {
        using var work = new TempDirectory("new-bundle");
        using var plain = new TempDirectory();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var text = string.Join('\n',
            work.Combine("versions.toml"),
            plain.Path,
            Path.Combine(TestPaths.RepositoryRoot, "docs", "toml.md"),
            $"run {first} then {second:D} then {first.ToString().ToUpperInvariant()}",
            "at 2026-12-01T08:00:54.9837881+00:00",
            "sha256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

        Assert.Equal(
            string.Join('\n',
                "{Temp}/pdist-new-bundle-{Id}/versions.toml",
                "{Temp}/pdist-test-{Id}",
                "{Repository}/docs/toml.md",
                "run Guid_1 then Guid_2 then Guid_1",
                "at {Timestamp}",
                "sha256 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
            Snapshot.Scrub(text));
    }

    [Fact]
    public void A_snapshot_holding_a_fixed_date_matches_on_any_day_that_day_included()
    {
        using var work = new TempDirectory("snapshot");
        var source = work.Combine("FakeTests.cs");
        Directory.CreateDirectory(work.Combine("Snapshots"));
        File.WriteAllText(work.Combine("Snapshots", "FakeTests.Case.verified.txt"), "released 2027-09-01\n");

        Snapshot.Match("released 2027-09-01\n", sourceFile: source, method: "Case");
        Snapshot.Match("released 2027-09-01\n", sourceFile: source, method: "Case", today: new DateOnly(2027, 9, 1));
        Snapshot.Match("released 2027-09-01\n", sourceFile: source, method: "Case", today: new DateOnly(2025, 1, 6));

        var moved = Assert.Throws<SnapshotMismatchException>(() =>
            Snapshot.Match("released 2027-09-02\n", sourceFile: source, method: "Case"));
        Assert.Contains("expected 'released 2027-09-01' but got 'released 2027-09-02'", moved.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_today_a_test_passes_is_scrubbed_and_a_verified_today_matches_that_date()
    {
        using var work = new TempDirectory("snapshot");
        var source = work.Combine("FakeTests.cs");
        Directory.CreateDirectory(work.Combine("Snapshots"));
        File.WriteAllText(work.Combine("Snapshots", "FakeTests.Case.verified.txt"), "checked {Today}, released 2025-10-15\n");
        var today = new DateOnly(2026, 12, 6);

        Assert.Equal("on {Today} after 2025-10-15", Snapshot.Scrub("on 2026-12-06 after 2025-10-15", today));
        Assert.Equal("on 2026-12-06 after 2025-10-15", Snapshot.Scrub("on 2026-12-06 after 2025-10-15"));
        Snapshot.Match("checked 2026-12-06, released 2025-10-15\n", sourceFile: source, method: "Case", today: today);
        Assert.Throws<SnapshotMismatchException>(() =>
            Snapshot.Match("checked 2026-12-05, released 2025-10-15\n", sourceFile: source, method: "Case", today: today));
    }
}
