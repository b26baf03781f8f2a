using Distribution.Adapters.Git;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Adapters.Sources;
using Distribution.Core.Sources;
using Distribution.Integration.Tests.Sources;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>Notes made after a fetch take the tags the fetch read from its lists: one git log per component, no lookups.</summary>
public sealed class KnownTagsTests(SampleRepositoriesFixture samples) : IClassFixture<SampleRepositoriesFixture>
{
    [UnixOnlyFact("the recording git is a POSIX shell script")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Tags_the_fetch_read_are_not_looked_up_again_and_the_notes_are_the_same()
    {
        using var git = new RecordingGit();
        var sources = SampleRepositoriesFixture.Sources();
        var fetch = new FetchService(samples.Cache);
        foreach (var source in sources.Values)
        {
            await fetch.UpdateOnceAsync(source, CancellationToken.None);
        }

        var plain = await new ReleaseNotesService(samples.MirrorAsync) { Git = git.Git }
            .CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);
        var before = (Lookups: Count(git, " rev-parse "), Logs: Count(git, " log "));
        git.Clear();
        var known = await new ReleaseNotesService(samples.MirrorAsync)
        {
            Git = git.Git,
            KnownTags = async (source, token) => await fetch.TagsAsync(source, token)
        }
            .CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);

        Assert.Equal(plain.Markdown, known.Markdown);
        var ranges = known.Notes.Components.Count(component => component.FromTag.Length > 0 && component.ToTag.Length > 0);
        Assert.True(ranges >= 4, $"{ranges} components with a history");
        Assert.Equal((2 * ranges, ranges), before);
        Assert.Equal(0, Count(git, " rev-parse "));
        Assert.Equal(ranges, Count(git, " log "));
        Assert.Equal(ranges, git.Commands.Length);
    }

    [Fact]
    public async Task A_tag_missing_from_the_list_is_still_looked_up_in_the_mirror()
    {
        var sources = SampleRepositoriesFixture.Sources();

        var result = await new ReleaseNotesService(samples.MirrorAsync)
        {
            KnownTags = (_, _) => Task.FromResult<IReadOnlyDictionary<string, string>>(MirrorRefs.Empty.Tags)
        }
            .CollectAsync(SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);
        var plain = await new ReleaseNotesService(samples.MirrorAsync).CollectAsync(
            SampleRepositoriesFixture.Stable32, SampleRepositoriesFixture.Stable31, sources, CancellationToken.None);

        Assert.Equal(plain.Markdown, result.Markdown);
    }

    private static int Count(RecordingGit git, string command)
        => git.Commands.Count(line => line.Contains(command, StringComparison.Ordinal));
}
