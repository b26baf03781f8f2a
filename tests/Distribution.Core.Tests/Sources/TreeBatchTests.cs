using System.Text;
using Distribution.Core.Sources;

namespace Distribution.Core.Tests.Sources;

public sealed class TreeBatchTests
{
    private static readonly string C1 = new('1', 40);
    private static readonly string C2 = new('2', 40);
    private static readonly string Root1 = new('a', 40);
    private static readonly string Root2 = new('b', 40);
    private static readonly string Folder = new('f', 40);
    private static readonly string Blob = new('e', 40);

    private static readonly TreeQuery Core = new(C1, string.Empty);
    private static readonly TreeQuery Redis = new(C2, "redis");
    private static readonly TreeQuery Azure = new(C2, "azure");
    private static readonly TreeQuery Readme = new(C2, "README.md");

    [Fact]
    public void Each_commit_is_asked_once_with_its_root_tree_then_each_folder()
    {
        var names = TreeBatch.Names([Redis, Core, Azure, Redis, new TreeQuery(C1, string.Empty)]);

        Assert.Equal<string>([C2, C2 + "^{tree}", C1, C1 + "^{tree}", C2 + ":redis", C2 + ":azure"], names);
        Assert.Throws<ArgumentException>(() => TreeBatch.Names([new TreeQuery(C1, "a\nb")]));
    }

    [Fact]
    public void Answers_give_the_root_or_folder_tree_and_the_commit_time()
    {
        var output = Concat(
            Found(C2, "commit", Commit(Root2, "1752566400 +0200")),
            Found(Root2, "tree", [0x31, 0x30, 0x30, 0x36, 0x34, 0x34, 0x20, 0x78, 0x00, 0xff, 0x0a, 0x0a, 0x00]),
            Found(C1, "commit", Commit(Root1, "1700000000 -0130")),
            Found(Root1, "tree", []),
            Found(Folder, "tree", [0x0a]),
            Missing(C2 + ":azure"),
            Found(Blob, "blob", Encoding.UTF8.GetBytes("# readme\n")));

        var lookups = TreeBatch.Parse(output, [Redis, Core, Azure, Readme]);

        Assert.Equal(new TreeLookup(Folder, new DateTimeOffset(2025, 7, 15, 10, 0, 0, TimeSpan.FromHours(2))), lookups[Redis]);
        Assert.Equal(TimeSpan.FromHours(2), lookups[Redis].Committed!.Value.Offset);
        Assert.Equal(Root1, lookups[Core].Tree);
        Assert.Equal(new DateTimeOffset(2023, 11, 14, 20, 43, 20, TimeSpan.FromMinutes(-90)), lookups[Core].Committed);
        Assert.Null(lookups[Azure].Tree);
        Assert.Null(lookups[Readme].Tree);
    }

    [Fact]
    public void A_commit_or_root_tree_that_cannot_be_read_gets_no_lookup()
    {
        var output = Concat(
            Missing(C1),
            Missing(C1 + "^{tree}"),
            Found(C2, "commit", Commit(Root2, "1 +0000")),
            Missing(C2 + "^{tree}"),
            Missing(C2 + ":redis"));

        var lookups = TreeBatch.Parse(output, [Core, Redis]);

        Assert.Empty(lookups);
    }

    [Fact]
    public void A_tag_of_a_tag_has_its_tree_and_no_commit_time()
    {
        var tag = "object " + C1 + "\ntype commit\ntag v1\ntagger T <t@e> 1 +0000\n\nmessage\n";
        var output = Concat(Found(C2, "tag", Encoding.UTF8.GetBytes(tag)), Found(Root2, "tree", []));

        var lookup = TreeBatch.Parse(output, [new TreeQuery(C2, string.Empty)])[new TreeQuery(C2, string.Empty)];

        Assert.Equal(new TreeLookup(Root2, null), lookup);
    }

    [Fact]
    public void Output_that_is_not_one_answer_per_name_is_refused()
    {
        var complete = Concat(Found(C1, "commit", Commit(Root1, "1 +0000")), Found(Root1, "tree", []));

        Assert.Throws<FormatException>(() => TreeBatch.Parse(complete[..^3], [Core]));
        Assert.Throws<FormatException>(() => TreeBatch.Parse(Concat(complete, Encoding.UTF8.GetBytes("extra\n")), [Core]));
        Assert.Throws<FormatException>(() => TreeBatch.Parse(Encoding.UTF8.GetBytes("fatal: something\n"), [Core]));
    }

    [Theory]
    [InlineData("committer Ann <ann@example.com> 1752566400 +0200", "2025-07-15T10:00:00+02:00")]
    [InlineData("committer Ann > B <a@b> 0 +0000", "1970-01-01T00:00:00+00:00")]
    [InlineData("committer Ann <a@b> 1752566400 +1445", null)]
    [InlineData("committer Ann <a@b> 1752566400 +0260", null)]
    [InlineData("committer Ann <a@b> 1752566400", null)]
    [InlineData("committer Ann <a@b> x +0000", null)]
    public void Committer_time_is_read_with_its_offset(string line, string? expected)
    {
        var commit = Encoding.UTF8.GetBytes($"tree {Root1}\nauthor Bob <b@c> 1 "
            + $"+0000\n{line}\n\ncommitter Eve <e@f> 5 +0000 (in the message)\n");

        var time = TreeBatch.CommitterTime(commit);

        Assert.Equal(expected, time?.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static byte[] Commit(string tree, string when) =>
        Encoding.UTF8.GetBytes($"tree {tree}\nparent {new string('9', 40)}\nauthor Ann <ann@example.com> "
            + $"1 +0000\ncommitter Ann <ann@example.com> {when}\n\nfeat: a\n\nBody.\n");

    private static byte[] Found(string id, string type, byte[] content) =>
        Concat(Encoding.UTF8.GetBytes($"{id} {type} {content.Length}\n"), content, [(byte)'\n']);

    private static byte[] Missing(string name) => Encoding.UTF8.GetBytes(name + " missing\n");

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
