using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Publishing;

public sealed class RegistryPlannerTests
{
    private static readonly FileDigest Core = new(100, new string('c', 64));
    private static readonly FileDigest Manifest = new(50, new string('d', 64));
    private static readonly FileDigest Other = new(100, new string('e', 64));
    private static readonly FileDigest Small = new(5, new string('f', 64));

    [Fact]
    public void A_new_registry_copies_everything_and_starts_at_serial_1()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));

        var plan = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>());

        Assert.Empty(plan.Conflicts);
        Assert.All(plan.Steps, step => Assert.Equal(RegistryAction.Copy, step.Action));
        Assert.Equal(1, plan.Next.Serial);
        Assert.Equal("stable-3.2", plan.Next.Channels["stable"]);
        Assert.False(plan.Next.Channels.ContainsKey("lts"));
        // Every file but the installers' convenience copies (installers/NAME), which the index never lists.
        Assert.Equal(
            sources.Where(source => source.Kind != RegistrySourceKind.InstallerAlias)
                .Select(source => source.Destination)
                .Order(StringComparer.Ordinal),
            plan.Next.Files.Select(file => file.Path));
        Assert.Contains(plan.Next.Files, file => file.Path == $"installers/{Small.Sha256}/install.sh");
        Assert.DoesNotContain(plan.Next.Files, file => file.Path == "installers/install.sh");
        Assert.Equal("installers/install.sh", Assert.Single(plan.Steps, step => step.AfterIndex).Source.Destination);
    }

    [Fact]
    public void Publishing_the_same_files_again_keeps_everything_and_the_serial()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var first = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>());

        var second = RegistryPlanner.Plan(
            first.Next, bundle, sources, sources.ToDictionary(source => source.Destination, source => source.Digest));

        Assert.False(second.ChangesAnything);
        Assert.Same(first.Next, second.Next);
        Assert.All(second.Steps, step => Assert.Equal(RegistryAction.Keep, step.Action));
    }

    [Fact]
    public void A_file_left_by_a_crashed_publish_is_kept_and_the_index_still_written()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var onDisk = new Dictionary<string, FileDigest> { [sources[0].Destination] = sources[0].Digest };

        var plan = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, onDisk);

        Assert.Equal(RegistryAction.Keep, plan.Steps[0].Action);
        Assert.True(plan.IndexChanged);
    }

    [Fact]
    public void Other_bytes_under_a_published_name_are_a_conflict_naming_the_path_and_both_digests()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var first = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>());
        var (tampered, tamperedSources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15), core: Other);

        var plan = RegistryPlanner.Plan(
            first.Next, tampered, tamperedSources, sources.ToDictionary(source => source.Destination, source => source.Digest));

        // The archive and every bundle file made from it (bundle.json, SHA256SUMS, the SBOM, the meta-package) differ.
        Assert.Equal(5, plan.Conflicts.Length);
        var conflict = Assert.Single(plan.Conflicts, item => item.Message.Contains("packages/core/", StringComparison.Ordinal));
        Assert.Equal("PUB010", conflict.Code);
        Assert.Contains("packages/core/3.2.1/provisioning-core-3.2.1.tar.gz", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(Core.Sha256, conflict.Message, StringComparison.Ordinal);
        Assert.Contains(Other.Sha256, conflict.Message, StringComparison.Ordinal);
        Assert.Equal("provisioning-core-3.2.1.tar.gz", conflict.Location.File);
    }

    [Fact]
    public void A_file_the_index_lists_with_other_bytes_is_a_conflict_even_when_it_is_gone_from_disk()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var first = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>());
        var (tampered, tamperedSources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15), core: Other);

        var plan = RegistryPlanner.Plan(first.Next, tampered, tamperedSources, new Dictionary<string, FileDigest>());

        Assert.Equal(5, plan.Conflicts.Length);
        Assert.All(plan.Conflicts, conflict => Assert.Equal("PUB010", conflict.Code));
    }

    [Fact]
    public void A_changed_installer_is_a_new_content_addressed_file_and_only_its_convenience_copy_is_replaced_after_the_index()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var first = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>());
        var (_, changed) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15), installer: Other);

        var plan = RegistryPlanner.Plan(
            first.Next, bundle, changed, sources.ToDictionary(source => source.Destination, source => source.Digest));

        Assert.Empty(plan.Conflicts);
        Assert.Equal(2, plan.Next.Serial);
        var copy = Assert.Single(plan.Steps, step => step.Source.Kind == RegistrySourceKind.Installer);
        Assert.Equal(
            (RegistryAction.Copy, $"installers/{Other.Sha256}/install.sh", false), (copy.Action, copy.Source.Destination, copy.AfterIndex));
        var alias = Assert.Single(plan.Steps, step => step.Source.Kind == RegistrySourceKind.InstallerAlias);
        Assert.Equal((RegistryAction.Replace, "installers/install.sh", true), (alias.Action, alias.Source.Destination, alias.AfterIndex));
        // Both versions stay listed (immutable, still on disk), the convenience copy is not.
        Assert.Contains(plan.Next.Files, file => file.Path == $"installers/{Small.Sha256}/install.sh" && file.Sha256 == Small.Sha256);
        Assert.Contains(plan.Next.Files, file => file.Path == $"installers/{Other.Sha256}/install.sh" && file.Sha256 == Other.Sha256);
        Assert.DoesNotContain(plan.Next.Files, file => file.Path == "installers/install.sh");
    }

    [Fact]
    public void No_step_before_the_index_replaces_a_file_and_no_index_lists_a_file_that_is_replaced()
    {
        var index = RegistryIndex.Empty;
        var onDisk = new Dictionary<string, FileDigest>();
        foreach (var installer in new[] { Small, Other, Small })
        {
            var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15), installer: installer);

            var plan = RegistryPlanner.Plan(index, bundle, sources, onDisk);

            Assert.All(plan.Steps.Where(step => step.Action == RegistryAction.Replace), step => Assert.True(step.AfterIndex));
            Assert.All(
                plan.Steps.Where(step => step.Action != RegistryAction.Keep),
                step => Assert.Null(plan.Current.FindFile(step.Source.Destination)));
            Assert.All(plan.Steps.Where(step => step.AfterIndex), step => Assert.Null(plan.Next.FindFile(step.Source.Destination)));
            index = plan.Next;
            foreach (var step in plan.Steps)
            {
                onDisk[step.Source.Destination] = step.Source.Digest;
            }
        }
    }

    [Fact]
    public void An_index_of_the_earlier_layout_that_listed_installers_in_place_drops_them_and_lists_the_content_addressed_copies()
    {
        var (bundle, sources) = Bundle("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15));
        var first = RegistryPlanner.Plan(RegistryIndex.Empty, bundle, sources, new Dictionary<string, FileDigest>()).Next;
        var earlier = first with
        {
            Files = [.. first.Files.Where(file => !file.Path.StartsWith("installers/", StringComparison.Ordinal)).Append(new RegistryFile(
                "installers/install.sh", Other.Size, Other.Sha256))],
        };

        var plan = RegistryPlanner.Plan(earlier, bundle, sources, new Dictionary<string, FileDigest> { ["installers/install.sh"] = Other });

        Assert.Empty(plan.Conflicts);
        Assert.True(plan.IndexChanged);
        Assert.DoesNotContain(plan.Next.Files, file => file.Path == "installers/install.sh");
        Assert.Contains(plan.Next.Files, file => file.Path == $"installers/{Small.Sha256}/install.sh");
        Assert.Equal(RegistryAction.Replace, Assert.Single(plan.Steps, step => step.AfterIndex).Action);
    }

    [Fact]
    public void Channels_follow_the_newest_release_date_of_each_kind_and_ignore_custom_bundles()
    {
        var index = RegistryIndex.Empty;
        foreach (var (id, kind, date) in new[]
        {
            ("stable-3.2", BundleKind.Stable, new DateOnly(2025, 10, 15)),
            ("stable-3.1", BundleKind.Stable, new DateOnly(2025, 6, 1)),
            ("lts-3.0", BundleKind.Lts, new DateOnly(2025, 1, 1)),
            ("custom-x", BundleKind.Custom, new DateOnly(2026, 1, 1)),
        })
        {
            var (bundle, sources) = Bundle(id, kind, date);
            index = RegistryPlanner.Plan(index, bundle, sources, new Dictionary<string, FileDigest>()).Next;
        }

        Assert.Equal(4, index.Serial);
        Assert.Equal(["lts", "stable"], index.Channels.Keys);
        Assert.Equal("stable-3.2", index.Channels["stable"]);
        Assert.Equal("lts-3.0", index.Channels["lts"]);
    }

    [Fact]
    public void Component_versions_sort_by_component_then_semantic_version()
    {
        var index = RegistryIndex.Empty;
        foreach (var version in new[] { "3.10.0", "3.2.1", "3.2.1-rc.1" })
        {
            var (bundle, sources) = Bundle($"custom-{version}", BundleKind.Custom, null, coreVersion: version);
            index = RegistryPlanner.Plan(index, bundle, sources, new Dictionary<string, FileDigest>()).Next;
        }

        Assert.Equal(["3.2.1-rc.1", "3.2.1", "3.10.0"], index.Components.Select(component => component.Version));
    }

    [Fact]
    public void Files_by_path_find_what_find_file_finds_the_first_of_a_path_listed_twice()
    {
        var first = new RegistryFile("bundles/a/bundle.json", 1, Core.Sha256);
        var index = RegistryIndex.Empty with
        {
            Files = [first, new RegistryFile("packages/core/core.tar.gz", 2, Other.Sha256), first with { Size = 3 }],
        };

        var byPath = index.FilesByPath();

        Assert.Equal(["bundles/a/bundle.json", "packages/core/core.tar.gz"], byPath.Keys.Order(StringComparer.Ordinal));
        Assert.All(index.Files, file => Assert.Same(index.FindFile(file.Path), byPath[file.Path]));
        Assert.Same(first, byPath["bundles/a/bundle.json"]);
    }

    private static (BundleManifest Bundle, ImmutableArray<RegistrySource> Sources) Bundle(
        string id, BundleKind kind, DateOnly? date, FileDigest? core = null, string coreVersion = "3.2.1", FileDigest? installer = null)
    {
        var digest = core ?? Core;
        var bundle = new BundleManifest(
            new BundleSpec(id, id, kind, date, null, []),
            [],
            [new ArtifactRecord(
                ComponentId.Core,
                NuGetVersion.Parse(coreVersion),
                "noarch",
                $"provisioning-core-{coreVersion}.tar.gz",
                digest.Size,
                digest.Sha256)]);
        var files = new Dictionary<string, FileDigest>
        {
            ["bundle.json"] = Manifest with { Sha256 = Hash(id + "manifest" + digest.Sha256) },
            ["SHA256SUMS"] = Small with { Sha256 = Hash(id + "sums" + digest.Sha256) },
            ["RELEASE_NOTES.md"] = Small with { Sha256 = Hash(id + "notes") },
            ["bundle.cdx.json"] = Small with { Sha256 = Hash(id + "sbom" + digest.Sha256) },
            [bundle.MetaPackageName] = Small with { Sha256 = Hash(id + "meta" + digest.Sha256) },
        };
        var installers = new Dictionary<string, FileDigest> { ["install.sh"] = installer ?? Small };
        return (bundle, RegistryLayout.Sources(bundle, files, installers));
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
