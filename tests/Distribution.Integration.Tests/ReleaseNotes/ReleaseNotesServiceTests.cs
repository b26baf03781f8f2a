using System.Collections.Immutable;
using System.Globalization;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>The service over small repositories made by the tests: mirrors that lag behind, missing tags.</summary>
public sealed class ReleaseNotesServiceTests
{
    [Fact]
    public async Task A_mirror_without_the_new_tag_is_refreshed_once_and_the_notes_are_made()
    {
        using var temp = new TempDirectory("service");
        var (origin, mirror) = await OriginAndStaleMirrorAsync(temp);
        var refreshes = 0;
        var service = new ReleaseNotesService((_, _) => Task.FromResult(mirror), refresh: async (_, _) =>
        {
            refreshes++;
            await origin.GitAsync("--git-dir", mirror, "fetch", "--quiet", "--tags", origin.Path, "+refs/heads/*:refs/heads/*");
        });

        var result = await service.CollectAsync(Bundle("1.1.0"), Bundle("1.0.0"), Sources, CancellationToken.None);

        Assert.Equal(1, refreshes);
        var core = Assert.Single(result.Notes.Components);
        Assert.Equal(["fix: after the mirror was made"], core.Entries.Select(entry => entry.Commit.Subject).ToArray());
    }

    [Fact]
    public async Task A_tag_missing_even_after_a_refresh_is_a_user_error_naming_it()
    {
        using var temp = new TempDirectory("service");
        var (_, mirror) = await OriginAndStaleMirrorAsync(temp);
        var service = new ReleaseNotesService((_, _) => Task.FromResult(mirror), refresh: (_, _) => Task.CompletedTask);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => service.CollectAsync(
            Bundle("1.1.0"), Bundle("1.0.0"), Sources, CancellationToken.None));

        Assert.Equal(
            "error RN011: core: tag v1.1.0 is not in origin — check the version in versions.toml and the "
                + "tag pattern of the component ([components.*] tag), or run Fetch to refresh the mirror",
            error.Diagnostics.Single().ToString());
    }

    private static ImmutableDictionary<ComponentKind, ComponentSource> Sources { get; } =
        ImmutableDictionary<ComponentKind, ComponentSource>.Empty.Add(
            ComponentKind.Core, new ComponentSource(ComponentKind.Core, "origin", "v{version}", string.Empty, string.Empty));

    private static BundleSpec Bundle(string core) =>
        new(
            "b-" + core,
            "B " + core,
            BundleKind.Custom,
            DateOnly.Parse("2025-01-01", CultureInfo.InvariantCulture),
            null,
            [new BundleComponent(ComponentId.Core, NuGetVersion.Parse(core))]);

    /// <summary>An origin with v1.0.0 and v1.1.0, and a bare mirror cloned before v1.1.0 existed.</summary>
    private static async Task<(TestRepository Origin, string Mirror)> OriginAndStaleMirrorAsync(TempDirectory temp)
    {
        var origin = await TestRepository.CreateAsync(temp.Combine("origin"));
        await origin.CommitAsync("feat: first");
        await origin.TagAsync("v1.0.0");
        var mirror = temp.Combine("mirror.git");
        await origin.GitAsync("clone", "--quiet", "--mirror", origin.Path, mirror);
        await origin.CommitAsync("fix: after the mirror was made");
        await origin.TagAsync("v1.1.0");
        return (origin, mirror);
    }
}
