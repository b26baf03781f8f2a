using System.Collections.Immutable;
using System.Text;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;
using Distribution.Testing;

namespace Distribution.Core.Tests.Sources;

public sealed class FastImportScriptTests
{
    private const string Ana = "Ana Ruiz <ana@example.com>";

    [Fact]
    public void Stream_pins_identities_dates_modes_branches_merges_and_tags()
    {
        var history = new SampleHistory("main",
        [
            Commit("chore: start", new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(1)), changes:
            [
                new SampleFileChange(SampleChangeKind.Write, "README.md"),
                new SampleFileChange(SampleChangeKind.WriteExecutable, "bin/tool"),
            ]),
            Commit("feat: on a branch", new DateTimeOffset(2025, 1, 7, 9, 0, 0, TimeSpan.FromHours(-5)), branch: "feature/x", changes:
            [
                new SampleFileChange(SampleChangeKind.Append, "README.md", "more\n"),
                new SampleFileChange(SampleChangeKind.Symlink, "bin/t", "tool"),
            ]),
            Commit(
                "Merge pull request #1 from feature/x",
                new DateTimeOffset(2025, 1, 8, 9, 0, 0, TimeSpan.Zero),
                merge: "feature/x",
                tags: ["v1.0.0"],
                changes:
            [
                new SampleFileChange(SampleChangeKind.Inline, "version.toml", "version = \"1.0.0\"\n"),
            ]),
        ]);
        var files = new Dictionary<string, byte[]> { ["README.md"] = "# x\n"u8.ToArray(), ["bin/tool"] = "#!/bin/sh\n"u8.ToArray() };

        var script = Encoding.UTF8.GetString(FastImportScript.Render(history, files, "history.toml"));

        Snapshot.Match(script);
    }

    [Fact]
    public void Append_to_a_missing_file_and_a_missing_source_file_are_reported_with_codes()
    {
        var history = new SampleHistory("main",
        [
            Commit("feat: x", DateTimeOffset.UnixEpoch, changes:
            [
                new SampleFileChange(SampleChangeKind.Append, "nothing.txt", "x"),
                new SampleFileChange(SampleChangeKind.Write, "absent.txt"),
            ]),
        ]);

        var exception = Assert.Throws<UserErrorException>(() => FastImportScript.Render(
            history, new Dictionary<string, byte[]>(), "history.toml"));

        Assert.Equal<string>(["SRC003", "SRC005"], exception.Diagnostics.Select(diagnostic => diagnostic.Code));
    }

    private static SampleCommit Commit(
        string message,
        DateTimeOffset date,
        string branch = "main",
        string? merge = null,
        ImmutableArray<string> tags = default,
        ImmutableArray<SampleFileChange> changes = default) =>
        new(Ana, date, message, branch, merge, tags.IsDefault ? [] : tags, changes.IsDefault ? [] : changes, SourceLocation.None);
}
