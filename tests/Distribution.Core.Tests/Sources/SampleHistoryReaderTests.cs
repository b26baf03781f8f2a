using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;
using Distribution.Core.Toml;

namespace Distribution.Core.Tests.Sources;

public sealed class SampleHistoryReaderTests
{
    [Fact]
    public void History_is_read_with_branches_merges_tags_and_changes_in_their_order()
    {
        const string text = """
            branch = "main"
            [authors]
            ana = "Ana Ruiz <ana@example.com>"

            [[commits]]
            author = "ana"
            date = 2025-01-06T09:00:00+01:00
            message = "chore: start"
            write = ["README.md"]
            executables = ["bin/tool"]

            [[commits]]
            author = "ana"
            date = 2025-01-07T09:00:00+01:00
            branch = "feature/x"
            message = "feat: x"
            delete = ["README.md"]
            [commits.append]
            "bin/tool" = "echo\n"

            [[commits]]
            author = "ana"
            date = 2025-01-08T09:00:00+01:00
            merge = "feature/x"
            message = "Merge pull request #1 from feature/x"
            tags = ["v1.0.0"]
            [commits.symlinks]
            "bin/t" = "tool"
            """;

        var history = SampleHistoryReader.Read(TomlParser.Parse(text, "history.toml"), "history.toml");

        Assert.Equal(3, history.Commits.Length);
        Assert.Equal("Ana Ruiz <ana@example.com>", history.Commits[0].Author);
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(1)), history.Commits[0].Date);
        Assert.Equal([SampleChangeKind.Write, SampleChangeKind.WriteExecutable], history.Commits[0].Changes.Select(change => change.Kind));
        Assert.Equal([SampleChangeKind.Delete, SampleChangeKind.Append], history.Commits[1].Changes.Select(change => change.Kind));
        Assert.Equal("feature/x", history.Commits[1].Branch);
        Assert.Equal("feature/x", history.Commits[2].Merge);
        Assert.Equal<string>(["v1.0.0"], history.Tags);
        Assert.Equal<string>(["README.md", "bin/tool"], history.SourceFiles);
    }

    [Fact]
    public void Unknown_author_unknown_merge_duplicate_tag_and_unsafe_path_are_reported_at_their_place()
    {
        const string text = """
            [authors]
            ana = "Ana Ruiz <ana@example.com>"

            [[commits]]
            author = "bob"
            date = 2025-01-06T09:00:00+01:00
            message = "x"
            tags = ["v1"]
            write = ["../escape"]

            [[commits]]
            author = "ana"
            date = 2025-01-06T09:00:00+01:00
            message = "y"
            merge = "nowhere"
            tags = ["v1"]
            """;

        var exception = Assert.Throws<UserErrorException>(() => SampleHistoryReader.Read(
            TomlParser.Parse(text, "history.toml"), "history.toml"));

        Assert.Equal(
            [
                "history.toml(5,10): error SRC002: unknown author 'bob' — add it to [authors] or use one of: ana",
                "history.toml(4,1): error SRC001: path '../escape' must be relative, with '/' separators and "
                    + "no '.' or '..' parts — name files as they are in the repository: nulib/status.nu",
                "history.toml(15,9): error SRC003: merge of branch 'nowhere', which has "
                    + "no commits before this one — merge a branch after its commits",
                "history.toml(16,8): error SRC004: tag 'v1' is given to two commits — give each tag to one commit",
            ],
            exception.Diagnostics.Select(diagnostic => diagnostic.ToString()));
    }
}
