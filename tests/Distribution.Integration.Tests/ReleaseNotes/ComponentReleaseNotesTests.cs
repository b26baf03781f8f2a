using System.Text.Json;
using Distribution.Adapters.ReleaseNotes;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.ReleaseNotes;
using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>One component's notes over any range (<c>--component</c>), on the generated sample repositories, through git.</summary>
public sealed class ComponentReleaseNotesTests(SampleRepositoriesFixture samples) : IClassFixture<SampleRepositoriesFixture>
{
    private static readonly ComponentId Mongodb = ComponentId.Extension("mongodb");

    [Fact]
    public async Task Core_from_3_1_5_to_3_2_1_lists_the_range_and_its_changelog_entry_holds_the_user_facing_part()
    {
        var notes = await CollectAsync(ComponentId.Core, "3.1.5", "3.2.1", webUrlOwner: "example");

        Assert.Equal(("v3.1.5", "v3.2.1"), (notes.Changes.FromTag, notes.Changes.ToTag));
        Assert.Equal("core 3.1.5 → 3.2.1", notes.Title);
        Assert.Equal(
            [
                "feat(cli)!: read settings from settings.k instead of settings.toml (#55)",
                "feat(extensions): find extensions beside the core or in $PROVISIONING_EXTENSIONS",
                "fix(extensions): ignore folders without a manifest (#63)",
                "perf(extensions): read each manifest once when listing (#57)",
                "chore(release): 3.2.1",
                "docs(kcl): document the Settings checks",
                "chore(release): 3.2.0",
                "test(extensions): list an empty folder without failing",
            ],
            notes.Changes.Entries.Select(entry => entry.Commit.Subject));
        var entry = ChangelogRenderer.RenderComponentEntry(notes.Changes, notes.Date);
        Assert.Equal(
            "## [3.2.1] - 2025-07-15\n\n### Added\n\n- **extensions:** find extensions beside the core or in $PROVISIONING_EXTENSIONS\n\n"
                + "### Changed\n\n- **BREAKING** **cli:** read settings from settings.k instead of settings.toml "
                + "([#55](https://github.com/example/provisioning-core/pull/55))\n\n"
                + "### Fixed\n\n- **extensions:** ignore folders without a manifest "
                + "([#63](https://github.com/example/provisioning-core/pull/63))\n\n"
                + "### Performance\n\n- **extensions:** read each manifest once when listing "
                + "([#57](https://github.com/example/provisioning-core/pull/57))\n",
            entry);
        Assert.Equal(
            "[3.2.1]: https://github.com/example/provisioning-core/compare/v3.1.5...v3.2.1",
            ChangelogRenderer.LinkReference(notes.Changes));
    }

    [Fact]
    public async Task Monorepo_extension_range_holds_only_commits_touching_its_folder()
    {
        var notes = await CollectAsync(Mongodb, "0.9.2", "1.2.0");

        Assert.Equal(("mongodb/v0.9.2", "mongodb/v1.2.0"), (notes.Changes.FromTag, notes.Changes.ToTag));
        Assert.Equal(
            [
                "feat(mongodb): configurable storage size (#15)",
                "fix(mongodb): keep the default storage at 20 GB",
                "chore(mongodb): release 1.2.0",
            ],
            notes.Changes.Entries.Select(entry => entry.Commit.Subject));
        Assert.DoesNotContain(
            "chore(mongodb)", ChangelogRenderer.RenderComponentEntry(notes.Changes, notes.Date), StringComparison.Ordinal);
        Assert.Contains(
            "### Changed\n\n- **chore(mongodb):** release 1.2.0\n",
            ChangelogRenderer.RenderComponentEntry(notes.Changes, notes.Date, includeAll: true),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_from_the_range_starts_at_the_release_before_to_and_accepts_tags()
    {
        var byVersion = await CollectAsync(ComponentId.Core, null, "3.2.1");
        var byTag = await CollectAsync(ComponentId.Core, "v3.2.0", "v3.2.1");

        Assert.Equal(("v3.2.0", "v3.2.1"), (byVersion.Changes.FromTag, byVersion.Changes.ToTag));
        Assert.Equal(byVersion.Changes, byTag.Changes);
        Assert.Equal("3.2.0", byTag.Changes.From?.ToNormalizedString());
    }

    [Fact]
    public async Task To_a_branch_starts_at_the_newest_release_and_has_no_version()
    {
        var notes = await CollectAsync(ComponentId.Core, null, "main");

        Assert.Equal(("v3.3.0", "main"), (notes.Changes.FromTag, notes.Changes.ToTag));
        Assert.Null(notes.Changes.To);
        Assert.Equal("core 3.3.0 → main", notes.Title);
    }

    [Fact]
    public async Task A_version_without_a_tag_is_a_user_error_naming_the_tag()
    {
        var error = await Assert.ThrowsAsync<UserErrorException>(() => CollectAsync(ComponentId.Core, "3.1.9", "3.2.1"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(DiagnosticCodes.ReleaseNotes.ReferenceMissing, diagnostic.Code);
        Assert.Contains("--from=3.1.9: core has no tag v3.1.9 (version 3.1.9)", diagnostic.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// With --include-all the conventional commits listed are exactly those git-cliff's default configuration lists for the
    /// same range (its <c>--context</c> JSON), for core and for the monorepo extension (git-cliff's <c>--include-path</c>).
    /// </summary>
    [SkipUnlessFact(Program = "git-cliff")]
    public async Task Include_all_lists_the_conventional_commits_git_cliff_lists_for_the_same_ranges()
    {
        using var temp = new TempDirectory("cliff");
        foreach (var (component, from, to, include) in new[]
        {
            (ComponentId.Core, "3.1.5", "3.2.1", (string?)null),
            (Mongodb, "0.9.2", "1.2.0", "mongodb/**"),
        })
        {
            var notes = await CollectAsync(component, from, to);
            var source = SampleRepositoriesFixture.Versions.Sources[component.Kind];
            var work = temp.Combine(component.Id);
            var clone = await CliProcess.RunAsync(
                "git",
                ["clone", "--quiet", "--branch", "main", await samples.MirrorAsync(source, CancellationToken.None), work],
                temp.Path);
            Assert.True(clone.ExitCode == 0, clone.Error);
            List<string> arguments = ["--repository", work, "--context", $"{notes.Changes.FromTag}..{notes.Changes.ToTag}"];
            if (include is not null)
            {
                arguments.AddRange(["--include-path", include]);
            }

            var cliff = await CliProcess.RunAsync(Requirements.FindProgram("git-cliff")!, arguments, temp.Path);
            Assert.True(cliff.ExitCode == 0, cliff.Error);
            var listed = JsonDocument.Parse(cliff.Output).RootElement.EnumerateArray()
                .SelectMany(release => release.GetProperty("commits").EnumerateArray())
                .Select(commit => commit.GetProperty("id").GetString()!)
                .Order(StringComparer.Ordinal)
                .ToList();
            var ours = notes.Changes.Entries
                .Where(entry => entry.Parsed.IsConventional && ChangelogRenderer.SectionOf(entry, includeAll: true) is not null)
                .Select(entry => entry.Commit.Sha)
                .Order(StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(listed);
            Assert.Equal(listed, ours);
        }
    }

    private Task<ComponentNotes> CollectAsync(ComponentId component, string? from, string to, string webUrlOwner = "") =>
        new ReleaseNotesService(samples.MirrorAsync).CollectComponentAsync(
            component, SampleRepositoriesFixture.Sources(webUrlOwner)[component.Kind], from, to, null, CancellationToken.None);
}
