using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Tests.Packaging;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Contract;

public sealed class ComponentRequirementsTests
{
    [Theory]
    [InlineData("^3.2", ">=3.2.0,<4.0.0")]
    [InlineData("^0.2.3", ">=0.2.3,<0.3.0")]
    [InlineData("~1.2.3", ">=1.2.3,<1.3.0")]
    [InlineData("*", ">=0.0.0")]
    [InlineData("=1.2.3", ">=1.2.3,<=1.2.3")]
    [InlineData(">1.0, <=2.5", ">=1.1.0,<2.6.0")]
    [InlineData(">=1.0.0-rc.1, <2", ">=1.0.0-rc.1,<2.0.0,pre=1.0.0")]
    public void Requirements_are_lowered_to_comparators_on_full_versions(string requirement, string bounds) =>
        Assert.Equal(bounds, ComponentRequirements.Bounds(requirement));

    public static TheoryData<string> Requirements() =>
    [
        "^3.2", "^3.2.1", "^0.2", "^0.0.3", "^0", "~1.2", "~1.2.3", "~1", "1.*", "1.2.*", "*", "=1.2.3", ">1.0, <=2.5",
        ">=1.0.0-rc.1, <2", "^1.2.3-beta.2", "<1.0", "<=1.2", ">1.2", "~0.1.2-alpha", ">=2.0.0-0, <2.0.0",
    ];

    /// <summary>
    /// The installers evaluate the lowered form (docs/formats.md); this evaluates it the way they do and compares
    /// with Cargo's rules as <see cref="SemverRequirement.IsSatisfiedBy"/> applies them, over versions around every
    /// bound: the lowering loses nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(Requirements))]
    public void The_lowered_form_admits_exactly_the_versions_the_requirement_admits(string requirement)
    {
        var parsed = SemverRequirement.Parse(requirement);
        var bounds = ComponentRequirements.Bounds(requirement);
        string[] versions =
        [
            "0.0.0", "0.0.3", "0.0.4", "0.1.2", "0.1.2-alpha", "0.1.2-alpha.1", "0.1.3", "0.2.0", "0.2.3", "0.2.9", "0.3.0",
            "0.9.9", "1.0.0-beta", "1.0.0-rc.1", "1.0.0-rc.2", "1.0.0", "1.0.1", "1.2.0", "1.2.2", "1.2.3-beta.1",
            "1.2.3-beta.2", "1.2.3-beta.3", "1.2.3", "1.2.4", "1.2.9", "1.3.0", "1.9.0", "2.0.0-0", "2.0.0-alpha", "2.0.0",
            "2.5.0", "2.5.1", "3.1.9", "3.2.0-rc.1", "3.2.0", "3.2.1", "3.9.9", "4.0.0-alpha", "4.0.0", "10.0.0",
        ];
        foreach (var version in versions.Select(NuGetVersion.Parse))
        {
            Assert.True(
                parsed.IsSatisfiedBy(version) == SatisfiesLowered(bounds, version),
                $"{requirement} ({bounds}) and {version} disagree: Cargo says {parsed.IsSatisfiedBy(version)}");
        }
    }

    [Fact]
    public void Bundle_json_carries_the_requirement_as_written_and_lowered_and_reads_it_back()
    {
        var text = BundleManifestTests.Sample().Render();

        Assert.Contains(
            "\"requires\":{\"core\":\"^3.2\"},\"requiresBounds\":{\"core\":\">=3.2.0,<4.0.0\"}}",
            text,
            StringComparison.Ordinal);
        var mongodb = BundleManifest.Parse(text).Components.Single(component => component.Component.Id == "ext-mongodb");
        Assert.Equal("^3.2", mongodb.Requires["core"]);
    }

    [Theory]
    [InlineData(">=3.2.0,<5.0.0", "requiresBounds does not say what requires says ('core' needs '>=3.2.0,<4.0.0')")]
    [InlineData(null, "requiresBounds without requires")]
    public void Bounds_that_disagree_with_the_requirement_are_refused(string? bounds, string message)
    {
        var text = BundleManifestTests.Sample().Render();
        var tampered = bounds is null
            ? text.Replace("\"requires\":{\"core\":\"^3.2\"},", string.Empty, StringComparison.Ordinal)
            : text.Replace(">=3.2.0,<4.0.0", bounds, StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => BundleManifest.Parse(tampered));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requirement_that_is_not_one_is_refused_in_the_index()
    {
        var index = RegistryIndex.Empty with
        {
            Serial = 1,
            Components =
            [
                new RegistryComponent("ext-mongodb", "1.2.0", ["packages/ext-mongodb/1.2.0/a.tar.gz"])
                {
                    Requires = ComponentRequirements.OnCore("^3.2"),
                },
            ],
        };
        var text = RegistryIndexJson.Render(index);
        Assert.Equal(index, RegistryIndexJson.Parse(text, "index.json"));

        var broken = text.Replace("^3.2", "^^3", StringComparison.Ordinal);
        var error = Assert.Throws<UserErrorException>(() => RegistryIndexJson.Parse(broken, "index.json"));

        Assert.Contains("the requirement '^^3' on 'core' is not one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Components_differing_only_in_what_they_require_are_not_equal()
    {
        var component = new RegistryComponent("ext-mongodb", "1.2.0", []) { Requires = ComponentRequirements.OnCore("^3.2") };

        Assert.NotEqual(component, component with { Requires = ComponentRequirements.OnCore("^3.1") });
        var copy = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, component.Requires);
        Assert.Equal(component, component with { Requires = copy });
    }

    // The installers' evaluation (install.sh's satisfies_bounds, install.nu's and install.ps1's): every bound holds in
    // SemVer order, and a pre-release needs a pre= entry of its MAJOR.MINOR.PATCH.
    private static bool SatisfiesLowered(string bounds, NuGetVersion version)
    {
        var optedIn = false;
        foreach (var part in bounds.Split(','))
        {
            if (part.StartsWith("pre=", StringComparison.Ordinal))
            {
                optedIn |= part[4..] == $"{version.Major}.{version.Minor}.{version.Patch}";
                continue;
            }

            var op = part.StartsWith(">=", StringComparison.Ordinal) || part.StartsWith("<=", StringComparison.Ordinal)
                ? part[..2]
                : part[..1];
            var order = version.CompareTo(NuGetVersion.Parse(part[op.Length..]));
            var holds = op switch
            {
                ">=" => order >= 0,
                ">" => order > 0,
                "<=" => order <= 0,
                _ => order < 0,
            };
            if (!holds)
            {
                return false;
            }
        }

        return !version.IsPrerelease || optedIn;
    }
}
