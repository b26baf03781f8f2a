using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Versions;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Versions;

public sealed class NewestCombinationTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    // The tags of the sample repositories.
    private static readonly Dictionary<ComponentId, ImmutableArray<NuGetVersion>> SampleTags = new()
    {
        [ComponentId.Core] = Versions("3.1.0", "3.1.5", "3.2.0", "3.2.1", "3.3.0"),
        [ComponentId.Platform] = Versions("2.4.0", "2.4.8", "2.5.0", "2.5.3", "2.6.0"),
        [ComponentId.Workspace] = Versions("1.3.0", "1.4.0"),
        [ComponentId.Extension("azure")] = Versions("1.3.0", "2.0.0"),
        [ComponentId.Extension("mongodb")] = Versions("0.9.2", "1.2.0"),
        [ComponentId.Extension("redis")] = Versions("0.9.1", "1.1.0"),
    };

    [Fact]
    public void Shipped_matrix_and_sample_tags_give_the_newest_governed_core_and_what_it_allows()
    {
        var spec = NewestCombination.Resolve(Shipped(), SampleTags, "nightly");

        // core 3.3.0 and platform 2.6.0 have no matrix entry; azure 2.0.0 breaks core 3.2.1's extensions = "^1.0".
        Assert.Equal("nightly", spec.Id);
        Assert.Equal(BundleKind.Custom, spec.Kind);
        Assert.Equal(
            ["core@3.2.1", "platform@2.5.3", "workspace@1.4.0", "ext-azure@1.3.0", "ext-mongodb@1.2.0", "ext-redis@1.1.0"],
            spec.Components.Select(component => component.ToString()));
    }

    [Fact]
    public void A_new_matrix_entry_moves_the_newest_combination_forward()
    {
        var text = ShippedText()
            .Replace(
                "[compatibility.core]\n",
                "[compatibility.core]\n\"3.3.0\" = { platform = \"^2.6\", extensions = \">=1.0, <3\", workspace = \"^1.4\" }\n",
                StringComparison.Ordinal)
            .Replace(
                "[compatibility.platform]\n",
                "[compatibility.platform]\n\"2.6.0\" = { core = \"^3.3\", min-core = \"3.3.0\" }\n",
                StringComparison.Ordinal);

        var spec = NewestCombination.Resolve(Check(text), SampleTags, null);

        Assert.Equal(
            ["core@3.3.0", "platform@2.6.0", "workspace@1.4.0", "ext-azure@2.0.0", "ext-mongodb@1.2.0", "ext-redis@1.1.0"],
            spec.Components.Select(component => component.ToString()));
    }

    [Fact]
    public void Pre_releases_are_never_chosen_and_no_fitting_platform_is_a_user_error()
    {
        var tags = new Dictionary<ComponentId, ImmutableArray<NuGetVersion>>(SampleTags)
        {
            [ComponentId.Core] = Versions("3.2.1", "3.2.2-rc.1"),
            [ComponentId.Platform] = Versions("1.0.0"),
        };

        var error = Assert.Throws<UserErrorException>(() => NewestCombination.Resolve(Shipped(), tags, null));

        Assert.StartsWith(
            "error VM033: --newest: no released core", DiagnosticFormatter.Format(error.Diagnostics[0]), StringComparison.Ordinal);
    }

    private static ImmutableArray<NuGetVersion> Versions(params string[] versions) => [.. versions.Select(NuGetVersion.Parse)];

    private static string ShippedText() =>
        File.ReadAllText(Path.Combine(
            TestPaths.RepositoryRoot, "version-management", "versions.toml")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static VersionsDocument Shipped() => Check(ShippedText());

    private static VersionsDocument Check(string text)
    {
        var result = VersionsChecker.Check(text, "versions.toml", Today);
        Assert.DoesNotContain(result.Diagnostics, diagnostic => diagnostic.IsError);
        return result.Document;
    }
}
