using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Versions;

public sealed class SemverRequirementTests
{
    // The table of Cargo's "Specifying Dependencies" chapter (doc.rust-lang.org/cargo/reference/specifying-dependencies.html,
    // source rust-lang/cargo src/doc/src/reference/specifying-dependencies.md), in the order the chapter gives it:
    // each requirement with the range Cargo gives for it, written as NuGet's interval notation.
    [Theory]
    // Default (caret) requirements: the bare version is ^.
    [InlineData("1.2.3", "[1.2.3, 2.0.0)")]
    [InlineData("1.2", "[1.2.0, 2.0.0)")]
    [InlineData("1", "[1.0.0, 2.0.0)")]
    [InlineData("0.2.3", "[0.2.3, 0.3.0)")]
    [InlineData("0.2", "[0.2.0, 0.3.0)")]
    [InlineData("0.0.3", "[0.0.3, 0.0.4)")]
    [InlineData("0.0", "[0.0.0, 0.1.0)")]
    [InlineData("0", "[0.0.0, 1.0.0)")]
    // Caret requirements.
    [InlineData("^1.2.3", "[1.2.3, 2.0.0)")]
    [InlineData("^1.2", "[1.2.0, 2.0.0)")]
    [InlineData("^1", "[1.0.0, 2.0.0)")]
    [InlineData("^0.2.3", "[0.2.3, 0.3.0)")]
    [InlineData("^0.2", "[0.2.0, 0.3.0)")]
    [InlineData("^0.0.3", "[0.0.3, 0.0.4)")]
    [InlineData("^0.0", "[0.0.0, 0.1.0)")]
    [InlineData("^0", "[0.0.0, 1.0.0)")]
    // Tilde requirements.
    [InlineData("~1.2.3", "[1.2.3, 1.3.0)")]
    [InlineData("~1.2", "[1.2.0, 1.3.0)")]
    [InlineData("~1", "[1.0.0, 2.0.0)")]
    // Wildcard requirements.
    [InlineData("*", "[0.0.0, )")]
    [InlineData("1.*", "[1.0.0, 2.0.0)")]
    [InlineData("1.2.*", "[1.2.0, 1.3.0)")]
    [InlineData("1.x", "[1.0.0, 2.0.0)")]
    [InlineData("1.2.X", "[1.2.0, 1.3.0)")]
    // Comparison requirements.
    [InlineData(">= 1.2.0", "[1.2.0, )")]
    [InlineData("> 1", "[2.0.0, )")]
    [InlineData("< 2", "[0.0.0, 2.0.0)")]
    [InlineData("= 1.2.3", "[1.2.3, 1.2.3]")]
    // Multiple requirements: comma is "and".
    [InlineData(">= 1.2, < 1.5", "[1.2.0, 1.5.0)")]
    [InlineData(">=0.4, <2", "[0.4.0, 2.0.0)")]
    [InlineData("=1.2.3-alpha.3", "[1.2.3-alpha.3, 1.2.3-alpha.3]")]
    // Partial versions with every operator (Cargo's semver crate).
    [InlineData("=1.2", "[1.2.0, 1.3.0)")]
    [InlineData("=1", "[1.0.0, 2.0.0)")]
    [InlineData(">1.2", "[1.3.0, )")]
    [InlineData(">1.2.3", "(1.2.3, )")]
    [InlineData("<=1.2", "[0.0.0, 1.3.0)")]
    [InlineData("<=1.2.3", "[0.0.0, 1.2.3]")]
    [InlineData("<1.2", "[0.0.0, 1.2.0)")]
    [InlineData("^1.2, <1.4", "[1.2.0, 1.4.0)")]
    [InlineData(">=1.0.0, >1.0.0", "(1.0.0, )")]
    public void Requirement_translates_to_the_range_Cargo_documents(string text, string range)
    {
        var requirement = SemverRequirement.Parse(text);

        Assert.Equal(range, requirement.RangeText);
        Assert.Equal(text, requirement.Text);
    }

    [Theory]
    [InlineData("^1.2.3", "1.2.3", true)]
    [InlineData("^1.2.3", "1.9.9", true)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^1.2.3", "1.2.2", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("^1.0", "1.3.0", true)]
    [InlineData("^1.0", "2.0.0", false)]
    [InlineData("^2.5", "2.5.3", true)]
    [InlineData("^2.5", "2.4.8", false)]
    [InlineData("~1.2.3", "1.2.9", true)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("=1.2.3", "1.2.3", true)]
    [InlineData("=1.2.3", "1.2.4", false)]
    [InlineData(">1.2.3", "1.2.3", false)]
    public void Release_versions_match_by_range(string text, string version, bool expected) =>
        Assert.Equal(expected, SemverRequirement.Parse(text).IsSatisfiedBy(NuGetVersion.Parse(version)));

    // Cargo: "Version requirements exclude pre-release versions, such as 1.0.0-alpha, unless specifically asked for":
    // a pre-release matches only a requirement with a comparator naming a pre-release of the same MAJOR.MINOR.PATCH.
    [Theory]
    [InlineData("^1.2.3", "1.3.0-alpha", false)]
    [InlineData("*", "1.0.0-alpha", false)]
    [InlineData(">=1.0.0", "2.0.0-rc.1", false)]
    [InlineData("<2.0.0", "2.0.0-rc.1", false)]
    [InlineData("^1.2.3-alpha.1", "1.2.3-alpha.2", true)]
    [InlineData("^1.2.3-alpha.1", "1.2.3-alpha.0", false)]
    [InlineData("^1.2.3-alpha.1", "1.2.3", true)]
    [InlineData("^1.2.3-alpha.1", "1.2.4-alpha.1", false)]
    [InlineData("^1.2.3-alpha.1", "1.5.0", true)]
    [InlineData(">=1.2.3-beta, <1.2.4", "1.2.3-rc.1", true)]
    [InlineData("=1.2.3-rc.1", "1.2.3-rc.1", true)]
    [InlineData("=1.2.3-rc.1", "1.2.3", false)]
    public void Pre_releases_match_only_when_a_comparator_asks_for_their_version(string text, string version, bool expected) =>
        Assert.Equal(expected, SemverRequirement.Parse(text).IsSatisfiedBy(NuGetVersion.Parse(version)));

    // The three places the NuGet-interval translation disagreed with Cargo (issue 19).
    [Theory]
    [InlineData(">1.0.0-alpha, <1.0", "1.0.0-beta", false)]
    [InlineData(">1.0.0-alpha, <1", "1.0.0-beta", false)]
    [InlineData(">=2.0.0-alpha, ^1.2", "2.0.0-beta", false)]
    [InlineData(">=1.3.0-alpha, ~1.2.3", "1.3.0-beta", false)]
    [InlineData(">=1.2.5-alpha, =1.2", "1.2.5-beta", false)]
    [InlineData(">1.2, <=1.3.0-beta", "1.3.0-alpha", true)]
    [InlineData(">1.0.0-alpha, <1.0.0", "1.0.0-beta", true)]
    public void A_partial_version_admits_no_pre_release_it_does_not_name(string text, string version, bool expected) =>
        Assert.Equal(expected, SemverRequirement.Parse(text).IsSatisfiedBy(NuGetVersion.Parse(version)));

    [Theory]
    [InlineData("*, >=1.0")]
    [InlineData(">=1.0, *")]
    [InlineData("^1.2, x, <2")]
    public void The_wildcard_star_combined_with_other_comparators_is_refused(string text)
    {
        Assert.False(SemverRequirement.TryParse(text, out _, out var error, out var fix));
        Assert.Contains("must be the only comparator", error, StringComparison.Ordinal);
        Assert.NotEmpty(fix);
    }

    // The semver crate reads a wildcard after an operator as the end of a partial version: >=1.* is >=1.
    [Theory]
    [InlineData(">=1.*", "[1.0.0, )")]
    [InlineData("^1.2.*", "[1.2.0, 2.0.0)")]
    [InlineData("<1.x", "[0.0.0, 1.0.0)")]
    [InlineData("=1.*", "[1.0.0, 2.0.0)")]
    public void An_operator_before_a_wildcard_reads_the_partial_version(string text, string range) =>
        Assert.Equal(range, SemverRequirement.Parse(text).RangeText);

    // Range (for messages) and IsSatisfiedBy (Cargo's evaluation) agree on every release version.
    [Theory]
    [InlineData("1.2.3")]
    [InlineData("^0.2")]
    [InlineData("^0.0.3")]
    [InlineData("^0.0")]
    [InlineData("~1.2")]
    [InlineData("~1")]
    [InlineData("1.2.*")]
    [InlineData(">1.2")]
    [InlineData(">=1.2")]
    [InlineData("<=1.2")]
    [InlineData("<1.2")]
    [InlineData("=1")]
    [InlineData(">1.2.3, <=2.1.0")]
    public void Range_and_evaluation_agree_on_release_versions(string text)
    {
        var requirement = SemverRequirement.Parse(text);
        var versions = from major in Enumerable.Range(0, 4)
                       from minor in Enumerable.Range(0, 4)
                       from patch in Enumerable.Range(0, 5)
                       select new NuGetVersion(major, minor, patch);

        Assert.All(versions, version => Assert.Equal(requirement.Range.Satisfies(version), requirement.IsSatisfiedBy(version)));
    }

    [Fact]
    public void Comma_is_an_intersection_and_may_be_empty()
    {
        var requirement = SemverRequirement.Parse(">=2.0.0, <1.0.0");

        Assert.False(requirement.IsSatisfiedBy(NuGetVersion.Parse("1.5.0")));
        Assert.False(requirement.IsSatisfiedBy(NuGetVersion.Parse("2.5.0")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("abc")]
    [InlineData("^1.2.3.4")]
    [InlineData("v1.2.3")]
    [InlineData("=*")]
    [InlineData(">=*")]
    [InlineData("*.*")]
    [InlineData("1.*.3")]
    [InlineData("1.2-alpha")]
    [InlineData("01.2.3")]
    [InlineData("^1.2,")]
    [InlineData(">> 1")]
    public void Malformed_requirements_are_refused_with_a_reason(string text)
    {
        Assert.False(SemverRequirement.TryParse(text, out var requirement, out var error));
        Assert.Null(requirement);
        Assert.NotEmpty(error);
        Assert.Throws<FormatException>(() => SemverRequirement.Parse(text));
    }

    // A range that reaches past its version needs the next MAJOR, MINOR or PATCH; int.MaxValue has none. These
    // were an ArgumentOutOfRangeException (the bump wrapped to a negative number) that crashed validation.
    [Theory]
    [InlineData("^2147483647", "2147483647")]
    [InlineData("2147483647", "2147483647")]
    [InlineData("~2147483647.2147483647", "2147483647")]
    [InlineData("~2147483647", "2147483647")]
    [InlineData("^0.2147483647", "2147483647")]
    [InlineData("^0.0.2147483647", "2147483647")]
    [InlineData("2147483647.*", "2147483647")]
    [InlineData("1.2147483647.*", "2147483647")]
    [InlineData(">2147483647", "2147483647")]
    [InlineData("<=1.2147483647", "2147483647")]
    [InlineData("=1.2147483647", "2147483647")]
    [InlineData(">=1.0, <2147483647.2147483647.2147483647, ^2147483647.1", "2147483647")]
    [InlineData("^2147483648", "2147483648")]
    [InlineData("<1.99999999999", "99999999999")]
    public void Numbers_a_range_cannot_go_past_are_refused_with_a_fix(string text, string number)
    {
        Assert.False(SemverRequirement.TryParse(text, out var requirement, out var error, out var fix));
        Assert.Null(requirement);
        Assert.Contains(number, error, StringComparison.Ordinal);
        Assert.Contains("largest number a version can have", error, StringComparison.Ordinal);
        Assert.StartsWith("write a smaller number", fix, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => SemverRequirement.Parse(text));
        Assert.Contains(" — write a smaller number", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^2147483646", "[2147483646.0.0, 2147483647.0.0)")]
    [InlineData("~1.2147483646", "[1.2147483646.0, 1.2147483647.0)")]
    [InlineData(">=2147483647.2147483647.2147483647", "[2147483647.2147483647.2147483647, )")]
    [InlineData("=2147483647.2147483647.2147483647", "[2147483647.2147483647.2147483647, 2147483647.2147483647.2147483647]")]
    [InlineData("<2147483647", "[0.0.0, 2147483647.0.0)")]
    [InlineData(">2147483647.0.0", "(2147483647.0.0, )")]
    public void The_largest_numbers_work_where_no_next_version_is_needed(string text, string range) =>
        Assert.Equal(range, SemverRequirement.Parse(text).RangeText);
}
