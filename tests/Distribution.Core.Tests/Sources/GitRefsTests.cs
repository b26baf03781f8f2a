using Distribution.Core.Sources;

namespace Distribution.Core.Tests.Sources;

public sealed class GitRefsTests
{
    private static readonly string A = new('a', 40);
    private static readonly string B = new('b', 40);
    private static readonly string C = new('c', 40);
    private static readonly string T = new('7', 40);

    [Fact]
    public void For_each_ref_output_gives_every_ref_and_the_tags_peeled()
    {
        var output = $"refs/heads/main {A} \nrefs/tags/v1.0.0 {A} \nrefs/tags/azure/v2.0.0 {T} {B}\nrefs/remotes/origin/x {C} \n\n";

        var refs = MirrorRefs.Parse(output);

        Assert.Equal(["refs/heads/main", "refs/remotes/origin/x", "refs/tags/azure/v2.0.0", "refs/tags/v1.0.0"], refs.Refs.Keys);
        Assert.Equal(T, refs.Refs["refs/tags/azure/v2.0.0"]);
        Assert.Equal(["azure/v2.0.0", "v1.0.0"], refs.Tags.Keys);
        Assert.Equal(B, refs.Tags["azure/v2.0.0"]);
        Assert.Equal(A, refs.Tags["v1.0.0"]);
        Assert.Empty(MirrorRefs.Parse(string.Empty).Refs);
    }

    [Fact]
    public void A_commit_a_branch_points_at_is_a_branch_head_and_a_tagged_one_is_not()
    {
        var refs = MirrorRefs.Parse($"refs/heads/main {A} \nrefs/heads/topic {B} \nrefs/tags/v1 {C} \nrefs/tags/v2 {T} {A}\n");

        Assert.True(refs.IsBranchHead(A));
        Assert.True(refs.IsBranchHead(B));
        Assert.False(refs.IsBranchHead(C));
        Assert.False(refs.IsBranchHead(T));
    }

    [Fact]
    public void Ls_remote_output_keeps_branches_and_tags_and_skips_peeled_lines()
    {
        var output = $"{A}\tHEAD\n{A}\trefs/heads/main\n{T}\trefs/tags/v2.0.0\n{B}\trefs/tags/v2.0.0^{{}}\n{C}\trefs/pull/1/head\n";

        var refs = GitRefs.ParseRemote(output);

        Assert.Equal(["refs/heads/main", "refs/tags/v2.0.0"], refs.Keys);
        Assert.Equal(T, refs["refs/tags/v2.0.0"]);
    }

    [Fact]
    public void Branches_and_tags_are_the_same_only_when_every_one_names_the_same_object()
    {
        var mirror = new Dictionary<string, string> { ["refs/heads/main"] = A, ["refs/tags/v1"] = B, ["refs/remotes/x"] = C };
        var origin = new Dictionary<string, string> { ["refs/heads/main"] = A, ["refs/tags/v1"] = B };

        Assert.True(GitRefs.SameBranchesAndTags(mirror, origin));
        Assert.False(GitRefs.SameBranchesAndTags(mirror, new Dictionary<string, string>(origin) { ["refs/tags/v1"] = C }));
        Assert.False(GitRefs.SameBranchesAndTags(mirror, new Dictionary<string, string>(origin) { ["refs/tags/v2"] = B }));
        Assert.False(GitRefs.SameBranchesAndTags(mirror, new Dictionary<string, string> { ["refs/heads/main"] = A }));
        Assert.False(GitRefs.SameBranchesAndTags(new Dictionary<string, string>(), origin));
        Assert.True(GitRefs.SameBranchesAndTags(new Dictionary<string, string>(), new Dictionary<string, string>()));
    }

    [Fact]
    public void Changes_name_each_new_moved_and_removed_ref_in_ref_order()
    {
        var before = new Dictionary<string, string>
        {
            ["refs/heads/main"] = A,
            ["refs/heads/old"] = A,
            ["refs/tags/v1"] = A,
            ["refs/tags/v2"] = B
        };
        var after = new Dictionary<string, string>
        {
            ["refs/heads/main"] = B,
            ["refs/tags/v1"] = A,
            ["refs/tags/v2"] = C,
            ["refs/tags/v3"] = C
        };

        Assert.Equal<string>(["moved branch main", "removed branch old", "moved tag v2", "new tag v3"], GitRefs.Changes(before, after));
        Assert.Empty(GitRefs.Changes(after, after));
        Assert.Equal("refs/notes/commits", GitRefs.Short("refs/notes/commits"));
    }
}
