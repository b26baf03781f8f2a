using Distribution.Core.Versions;

namespace Distribution.Core.Tests.Versions;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal(string.Empty, UnifiedDiff.Create("a\nb\n", "a\nb\n", "a", "b"));

    [Fact]
    public void Lines_added_in_two_places_make_two_hunks_with_three_lines_of_context()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"line {i}")) + "\n";
        var after = before.Replace("line 2\n", "line 2\nnew A\n", StringComparison.Ordinal) + "new B\n";

        var diff = UnifiedDiff.Create(before, after, "a/versions.toml", "b/versions.toml");

        Assert.Equal(
            """
            --- a/versions.toml
            +++ b/versions.toml
            @@ -1,5 +1,6 @@
             line 1
             line 2
            +new A
             line 3
             line 4
             line 5
            @@ -18,3 +19,4 @@
             line 18
             line 19
             line 20
            +new B

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            diff);
    }
}
