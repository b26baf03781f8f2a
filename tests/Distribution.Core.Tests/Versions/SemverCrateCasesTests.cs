using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Tests.Versions;

/// <summary>
/// The test cases of the semver crate, the reference Cargo uses for requirements: dtolnay/semver
/// <c>tests/test_version_req.rs</c> at commit 8591f2344b52b31d85b538de58b76a676fe9ff90, copied as data, one row per
/// <c>req(...)</c> with its <c>assert_match_all</c> and <c>assert_match_none</c> versions, and one per
/// <c>req_err(...)</c>. What is left out, and why:
/// <list type="bullet">
/// <item><c>assert_to_string</c> checks the crate's own rendering (<c>^1.0.0</c> for <c>1.0.0</c>) and its error
/// texts; ours keeps the requirement as written and words its own errors, so only "refused" is compared.</item>
/// <item><c>test_default</c>, <c>test_any</c> (<c>VersionReq::STAR</c>), <c>test_eq_hash</c> and
/// <c>test_comparator_parse</c> test the crate's API (a default value, Hash, <c>Comparator::parse</c> alone); the
/// behaviour they stand for is here through <c>*</c>. <c>test_comparator_parse</c>'s refusals of whole comparators
/// (<c>1.2.3-01</c>, <c>1.2.3+4.</c>, <c>&gt;</c>, <c>1.</c>, <c>1.*.</c>, <c>1.2.3+4ÿ</c>) are requirements too and are
/// kept below.</item>
/// <item>Versions are NuGetVersion, not the crate's Version: every version in the file is canonical SemVer and parses
/// the same; NuGet compares pre-release labels ignoring case, so the requirement evaluates pre-releases with the
/// crate's ordering itself (ASCII order, case matters) rather than NuGet's comparer. Numbers are 32-bit (the crate's
/// are 64): no case here needs more.</item>
/// </list>
/// </summary>
public sealed class SemverCrateCasesTests
{
    private static readonly string ThirtyThreeComparators =
        string.Join(", ", Enumerable.Range(1, 33).Select(number => $">{number}"));

    public static TheoryData<string, string[], string[]> Matching => new()
    {
        // test_basic
        { "1.0.0", ["1.0.0", "1.1.0", "1.0.1"], ["0.9.9", "0.10.0", "0.1.0", "1.0.0-pre", "1.0.1-pre"] },
        // test_exact
        { "=1.0.0", ["1.0.0"], ["1.0.1", "0.9.9", "0.10.0", "0.1.0", "1.0.0-pre"] },
        { "=0.9.0", ["0.9.0"], ["0.9.1", "1.9.0", "0.0.9", "0.9.0-pre"] },
        { "=0.0.2", ["0.0.2"], ["0.0.1", "0.0.3", "0.0.2-pre"] },
        { "=0.1.0-beta2.a", ["0.1.0-beta2.a"], ["0.9.1", "0.1.0", "0.1.1-beta2.a", "0.1.0-beta2"] },
        { "=0.1.0+meta", ["0.1.0", "0.1.0+meta", "0.1.0+any"], [] },
        // test_greater_than
        { ">= 1.0.0", ["1.0.0", "2.0.0"], ["0.1.0", "0.0.1", "1.0.0-pre", "2.0.0-pre"] },
        { ">= 2.1.0-alpha2", ["2.1.0-alpha2", "2.1.0-alpha3", "2.1.0", "3.0.0"],
            ["2.0.0", "2.1.0-alpha1", "2.0.0-alpha2", "3.0.0-alpha2"] },
        // test_less_than
        { "< 1.0.0", ["0.1.0", "0.0.1"], ["1.0.0", "1.0.0-beta", "1.0.1", "0.9.9-alpha"] },
        { "<= 2.1.0-alpha2", ["2.1.0-alpha2", "2.1.0-alpha1", "2.0.0", "1.0.0"],
            ["2.1.0", "2.2.0-alpha1", "2.0.0-alpha2", "1.0.0-alpha2"] },
        { ">1.0.0-alpha, <1.0.0", ["1.0.0-beta"], [] },
        { ">1.0.0-alpha, <1.0", [], ["1.0.0-beta"] },
        { ">1.0.0-alpha, <1", [], ["1.0.0-beta"] },
        // test_multiple
        { "> 0.0.9, <= 2.5.3", ["0.0.10", "1.0.0", "2.5.3"], ["0.0.8", "2.5.4"] },
        { "0.3.0, 0.4.0", [], ["0.0.8", "0.3.0", "0.4.0"] },
        { "<= 0.2.0, >= 0.5.0", [], ["0.0.8", "0.3.0", "0.5.1"] },
        { "0.1.0, 0.1.4, 0.1.6", ["0.1.6", "0.1.9"], ["0.1.0", "0.1.4", "0.2.0"] },
        { ">=0.5.1-alpha3, <0.6", ["0.5.1-alpha3", "0.5.1-alpha4", "0.5.1-beta", "0.5.1", "0.5.5"],
            ["0.5.1-alpha1", "0.5.2-alpha3", "0.5.5-pre", "0.5.0-pre", "0.6.0", "0.6.0-pre"] },
        // test_tilde
        { "~1", ["1.0.0", "1.0.1", "1.1.1"], ["0.9.1", "2.9.0", "0.0.9"] },
        { "~1.2", ["1.2.0", "1.2.1"], ["1.1.1", "1.3.0", "0.0.9"] },
        { "~1.2.2", ["1.2.2", "1.2.4"], ["1.2.1", "1.9.0", "1.0.9", "2.0.1", "0.1.3"] },
        { "~1.2.3-beta.2", ["1.2.3", "1.2.4", "1.2.3-beta.2", "1.2.3-beta.4"],
            ["1.3.3", "1.1.4", "1.2.3-beta.1", "1.2.4-beta.2"] },
        // test_caret
        { "^1", ["1.1.2", "1.1.0", "1.2.1", "1.0.1"],
            ["0.9.1", "2.9.0", "0.1.4", "1.0.0-beta1", "0.1.0-alpha", "1.0.1-pre"] },
        { "^1.1", ["1.1.2", "1.1.0", "1.2.1"], ["0.9.1", "2.9.0", "1.0.1", "0.1.4"] },
        { "^1.1.2", ["1.1.2", "1.1.4", "1.2.1"],
            ["0.9.1", "2.9.0", "1.1.1", "0.0.1", "1.1.2-alpha1", "1.1.3-alpha1", "2.9.0-alpha1"] },
        { "^0.1.2", ["0.1.2", "0.1.4"],
            ["0.9.1", "2.9.0", "1.1.1", "0.0.1", "0.1.2-beta", "0.1.3-alpha", "0.2.0-pre"] },
        { "^0.5.1-alpha3", ["0.5.1-alpha3", "0.5.1-alpha4", "0.5.1-beta", "0.5.1", "0.5.5"],
            ["0.5.1-alpha1", "0.5.2-alpha3", "0.5.5-pre", "0.5.0-pre", "0.6.0"] },
        { "^0.0.2", ["0.0.2"], ["0.9.1", "2.9.0", "1.1.1", "0.0.1", "0.1.4"] },
        { "^0.0", ["0.0.2", "0.0.0"], ["0.9.1", "2.9.0", "1.1.1", "0.1.4"] },
        { "^0", ["0.9.1", "0.0.2", "0.0.0"], ["2.9.0", "1.1.1"] },
        { "^1.4.2-beta.5", ["1.4.2", "1.4.3", "1.4.2-beta.5", "1.4.2-beta.6", "1.4.2-c"],
            ["0.9.9", "2.0.0", "1.4.2-alpha", "1.4.2-beta.4", "1.4.3-beta.5"] },
        // test_wildcard ("x" and "X" are req("*"); "1.x", "1.X", "1.*.*" are req("1.*"); "1.2.x", "1.2.X" req("1.2.*"))
        { "*", ["0.9.1", "2.9.0", "0.0.9", "1.0.1", "1.1.1"], ["1.0.0-pre"] },
        { "x", ["0.9.1", "2.9.0", "0.0.9", "1.0.1", "1.1.1"], ["1.0.0-pre"] },
        { "X", ["0.9.1", "2.9.0", "0.0.9", "1.0.1", "1.1.1"], ["1.0.0-pre"] },
        { "1.*", ["1.2.0", "1.2.1", "1.1.1", "1.3.0"], ["0.0.9", "1.2.0-pre"] },
        { "1.x", ["1.2.0", "1.2.1", "1.1.1", "1.3.0"], ["0.0.9", "1.2.0-pre"] },
        { "1.X", ["1.2.0", "1.2.1", "1.1.1", "1.3.0"], ["0.0.9", "1.2.0-pre"] },
        { "1.*.*", ["1.2.0", "1.2.1", "1.1.1", "1.3.0"], ["0.0.9", "1.2.0-pre"] },
        { "1.2.*", ["1.2.0", "1.2.2", "1.2.4"], ["1.9.0", "1.0.9", "2.0.1", "0.1.3", "1.2.2-pre"] },
        { "1.2.x", ["1.2.0", "1.2.2", "1.2.4"], ["1.9.0", "1.0.9", "2.0.1", "0.1.3", "1.2.2-pre"] },
        { "1.2.X", ["1.2.0", "1.2.2", "1.2.4"], ["1.9.0", "1.0.9", "2.0.1", "0.1.3", "1.2.2-pre"] },
        // test_pre
        { "=2.1.1-really.0", ["2.1.1-really.0"], [] },
        // test_cargo3202 (for "0.0.*" the crate checks only that it parses and renders; the versions are ours)
        { "0.*.*", ["0.5.0"], [] },
        { "0.0.*", ["0.0.0", "0.0.9"], ["0.1.0"] },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void Requirement_matches_what_the_semver_crate_matches(string requirement, string[] all, string[] none)
    {
        var parsed = SemverRequirement.Parse(requirement);

        Assert.All(all, version =>
            Assert.True(parsed.IsSatisfiedBy(NuGetVersion.Parse(version)), $"{requirement} did not match {version}"));
        Assert.All(none, version =>
            Assert.False(parsed.IsSatisfiedBy(NuGetVersion.Parse(version)), $"{requirement} matched {version}"));
    }

    public static TheoryData<string> Refused => new()
    {
        // test_multiple
        "> 0.1.0,",
        "> 0.3.0, ,",
        "1.2.3 - 2.3.4",
        ThirtyThreeComparators,
        // test_whitespace_delimited_comparator_sets
        "> 0.0.9 <= 2.5.3",
        // test_wildcard
        "",
        // test_logical_or
        "=1.2.3 || =2.3.4",
        "1.1 || =1.2.3",
        "6.* || 8.* || >= 10.*",
        // test_parse
        "\0",
        ">= >= 0.0.2",
        ">== 0.0.2",
        "a.0.0",
        "1.0.0-",
        ">=",
        // test_comparator_parse (refused as comparators; a requirement of one is the same text)
        "1.2.3-01",
        "1.2.3+4.",
        ">",
        "1.",
        "1.*.",
        "1.2.3+4ÿ",
        // test_digit_after_wildcard
        "*.1",
        "1.*.1",
        ">=1.*.1",
        // test_wildcard_and_another
        "*, 0.20.0-any",
        "0.20.0-any, *",
        "0.20.0-any, *, 1.0",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Requirement_the_semver_crate_refuses_is_refused(string requirement)
    {
        Assert.False(SemverRequirement.TryParse(requirement, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotEmpty(error);
    }

    // test_leading_digit_in_pre_and_build: every operator with pre-release and build identifiers that start with a
    // digit is accepted.
    [Theory]
    [InlineData("=")]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData("~")]
    [InlineData("^")]
    public void Pre_release_and_build_identifiers_may_start_with_a_digit(string op)
    {
        string[] versions =
        [
            "1.2.3-1a", "1.2.3+1a", "1.2.3-01a", "1.2.3+01",
            "1.2.3-1+1", "1.2.3-1-1+1-1-1", "1.2.3-1a+1a", "1.2.3-1a-1a+1a-1a-1a",
        ];

        Assert.All(versions, version =>
            Assert.True(SemverRequirement.TryParse($"{op} {version}", out _), $"{op} {version}"));
    }

    [Fact]
    public void Thirty_two_comparators_are_the_most_a_requirement_may_have()
    {
        var thirtyTwo = string.Join(", ", Enumerable.Range(1, 32).Select(number => $">{number}"));

        Assert.True(SemverRequirement.TryParse(thirtyTwo, out _));
        Assert.False(SemverRequirement.TryParse(ThirtyThreeComparators, out _, out var error, out var fix));
        Assert.Contains("33 comparators", error, StringComparison.Ordinal);
        Assert.Contains("32", fix, StringComparison.Ordinal);
    }
}
