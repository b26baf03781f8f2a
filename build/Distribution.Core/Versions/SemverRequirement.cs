using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// A version requirement with Cargo's semantics (<c>^1.2</c>, <c>~1.2.3</c>, <c>1.*</c>, <c>&gt;=1.0, &lt;2</c>,
/// a bare <c>1.2</c> meaning <c>^1.2</c>), as the semver crate Cargo uses parses and evaluates it
/// (dtolnay/semver <c>src/parse.rs</c>, <c>src/eval.rs</c>). <see cref="IsSatisfiedBy"/> evaluates every comparator
/// the way the crate does, pre-releases included: a pre-release matches only when every comparator admits it and
/// some comparator names a pre-release of the same MAJOR.MINOR.PATCH, and a partial version never admits a
/// pre-release it does not name (<c>&lt;1.0</c> admits no <c>1.0.0-beta</c>). <see cref="Range"/> is the same set
/// of release versions as NuGet's interval, for messages.
/// </summary>
/// <param name="Text">The requirement as written.</param>
/// <param name="Range">The release versions the comparators admit, as NuGet's interval (pre-releases aside).</param>
public sealed partial record SemverRequirement(string Text, VersionRange Range)
{
    /// <summary>The most comparators one requirement may have: the semver crate's <c>MAX_COMPARATORS</c>.</summary>
    public const int MaxComparators = 32;

    private ImmutableArray<Comparator> comparators = [];

    /// <summary>Reads a requirement; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SemverRequirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var requirement, out var error, out var fix)
            ? requirement
            : throw new FormatException(fix.Length == 0 ? error : $"{error} — {fix}");
    }

    public static bool TryParse(
        string text, [NotNullWhen(true)] out SemverRequirement? requirement) => TryParse(text, out requirement, out _);

    /// <summary>Reads a requirement; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SemverRequirement? requirement, out string error) =>
        TryParse(text, out requirement, out error, out _);

    /// <summary>
    /// Reads a requirement; on failure <paramref name="error"/> says what is wrong and <paramref name="fix"/> how to
    /// fix it when the reason calls for a particular fix (empty otherwise: the caller's general advice applies).
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SemverRequirement? requirement, out string error, out string fix)
    {
        ArgumentNullException.ThrowIfNull(text);
        requirement = null;
        fix = string.Empty;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "the requirement is empty";
            return false;
        }

        var parts = trimmed.Split(',');
        if (parts.Any(part => IsWildcard(part.Trim())) || (IsWildcardChar(trimmed[0]) && parts.Length > 1))
        {
            if (parts.Length > 1)
            {
                error = $"'{trimmed}': the wildcard * must be the only comparator of a requirement";
                fix = "write * alone (any release), or drop it: the other comparators already say which versions they admit";
                return false;
            }

            requirement = new SemverRequirement(trimmed, new VersionRange(new NuGetVersion(0, 0, 0), true, null, false));
            error = string.Empty;
            return true;
        }

        if (parts.Length > MaxComparators)
        {
            error = string.Create(
                CultureInfo.InvariantCulture, $"'{trimmed}' has {parts.Length} comparators; Cargo allows at most {MaxComparators}");
            fix = "merge the comparators into a range of at most 32 (>=LOW, <HIGH says most ranges in two)";
            return false;
        }

        NuGetVersion? lower = null;
        var lowerInclusive = true;
        NuGetVersion? upper = null;
        var upperInclusive = false;
        var parsed = ImmutableArray.CreateBuilder<Comparator>(parts.Length);
        foreach (var part in parts)
        {
            if (!TryParseComparator(part.Trim(), out var bounds, out var comparator, out error, out fix))
            {
                return false;
            }

            parsed.Add(comparator);
            if (bounds.Lower is not null && (lower is null || bounds.Lower > lower || (bounds.Lower == lower && !bounds.LowerInclusive)))
            {
                (lower, lowerInclusive) = (bounds.Lower, bounds.LowerInclusive);
            }

            if (bounds.Upper is not null && (upper is null || bounds.Upper < upper || (bounds.Upper == upper && !bounds.UpperInclusive)))
            {
                (upper, upperInclusive) = (bounds.Upper, bounds.UpperInclusive);
            }
        }

        lower ??= new NuGetVersion(0, 0, 0);
        var range = new VersionRange(lower, lowerInclusive, upper, upperInclusive);
        requirement = new SemverRequirement(trimmed, range) { comparators = parsed.MoveToImmutable() };
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// True when every comparator admits <paramref name="version"/> (the semver crate's <c>matches_req</c>) and, for a
    /// pre-release, some comparator names a pre-release of its MAJOR.MINOR.PATCH. Build metadata is ignored.
    /// </summary>
    public bool IsSatisfiedBy(NuGetVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!comparators.All(comparator => comparator.Matches(version)))
        {
            return false;
        }

        return !version.IsPrerelease || comparators.Any(comparator => comparator.OptsIn(version));
    }

    /// <summary>The MAJOR.MINOR.PATCH of every comparator written with a pre-release (the pre-releases it may admit).</summary>
    public ImmutableArray<NuGetVersion> PrereleaseOptIns =>
        [.. comparators.Where(comparator => comparator.Pre.Length > 0)
            .Select(comparator => new NuGetVersion(comparator.Major, comparator.Minor ?? 0, comparator.Patch ?? 0))];

    /// <summary>The NuGet form of the range (<c>[1.2.0, 2.0.0)</c>) for messages.</summary>
    public string RangeText => Range.ToNormalizedString();

    public override string ToString() => Text;

    public bool Equals(SemverRequirement? other) => other is not null && Text == other.Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    private static bool IsWildcardChar(char c) => c is '*' or 'x' or 'X';

    private static bool IsWildcard(string part) => part.Length == 1 && IsWildcardChar(part[0]);

    private static bool TryParseComparator(string text, out Bounds bounds, out Comparator comparator, out string error, out string fix)
    {
        bounds = default;
        comparator = default;
        fix = string.Empty;
        var match = ComparatorPattern().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a comparator (an operator ^ ~ = > >= < <= or none, then a version such as 1, 1.2, 1.2.3 or 1.2.*)";
            return false;
        }

        var op = match.Groups["op"].Value;
        var major = match.Groups["major"].Value;
        var minor = match.Groups["minor"].Success ? match.Groups["minor"].Value : null;
        var patch = match.Groups["patch"].Success ? match.Groups["patch"].Value : null;
        var pre = match.Groups["pre"].Success ? match.Groups["pre"].Value : null;
        var parts = new[] { major, minor, patch };
        var wildcardAt = Array.FindIndex(parts, part => part is "*" or "x" or "X");
        var wildcard = false;
        if (wildcardAt >= 0)
        {
            if (wildcardAt == 0)
            {
                error = $"'{text}': a wildcard major version is * alone, with no operator and nothing after it";
                return false;
            }

            if (parts.Skip(wildcardAt + 1).Any(part => part is not null && part is not ("*" or "x" or "X")))
            {
                error = $"'{text}': a number cannot follow a wildcard";
                return false;
            }

            if (pre is not null)
            {
                error = $"'{text}': a wildcard version cannot carry a pre-release";
                return false;
            }

            // As the semver crate reads it: the wildcard ends the version (>=1.* is >=1), and without an operator
            // 1.* and 1.2.* match like =1 and =1.2 (the partial version before the wildcard).
            minor = wildcardAt <= 1 ? null : minor;
            patch = null;
            wildcard = op.Length == 0;
            op = op.Length == 0 ? "=" : op;
        }

        if (pre is not null && pre.Split('.').Any(label => label.Length > 1 && label[0] == '0' && label.All(char.IsAsciiDigit)))
        {
            error = $"'{text}': a numeric pre-release identifier has no leading zero";
            return false;
        }

        if (pre is not null && patch is null)
        {
            error = $"'{text}': a pre-release needs a full MAJOR.MINOR.PATCH version";
            return false;
        }

        if (new[] { major, minor, patch }.FirstOrDefault(part => part is not null && IsTooLarge(part)) is { } huge)
        {
            error = $"'{text}': {huge} is larger than {int.MaxValue.ToString(CultureInfo.InvariantCulture)}, "
                + "the largest number a version can have";
            fix = "write a smaller number (at most 2147483647)";
            return false;
        }

        if (!TryNumber(major, out var m) || !TryNumber(minor, out var n) || !TryNumber(patch, out var p))
        {
            error = $"'{text}': version numbers are decimal without leading zeros";
            return false;
        }

        var hasMinor = minor is not null;
        var hasPatch = patch is not null;
        var exact = new NuGetVersion(m, n, p, pre is null ? null : pre.Split('.'), null);

        // A range that ends past its version needs the next MAJOR, MINOR or PATCH; int.MaxValue has none, and the
        // comparator is refused rather than given a wrong (or wrapped, negative) bound.
        int? unbumpable = null;
        NuGetVersion NextMajor() => m < int.MaxValue ? new(m + 1, 0, 0) : Unbumpable(m);
        NuGetVersion NextMinor() => n < int.MaxValue ? new(m, n + 1, 0) : Unbumpable(n);
        NuGetVersion NextPatch() => p < int.MaxValue ? new(m, n, p + 1) : Unbumpable(p);
        NuGetVersion Unbumpable(int number)
        {
            unbumpable = number;
            return exact;
        }

        // The first version past the partial one: =1 ends before 2.0.0, =1.2 before 1.3.0, =1.2.3 before 1.2.4.
        NuGetVersion PastPartial() => !hasMinor ? NextMajor() : !hasPatch ? NextMinor() : NextPatch();

        bounds = op switch
        {
            "" or "^" => new Bounds(exact, true, Caret(), false),
            "~" => new Bounds(exact, true, hasMinor ? NextMinor() : NextMajor(), false),
            "=" => hasPatch ? new Bounds(exact, true, exact, true) : new Bounds(exact, true, PastPartial(), false),
            ">" => hasPatch ? new Bounds(exact, false, null, false) : new Bounds(PastPartial(), true, null, false),
            ">=" => new Bounds(exact, true, null, false),
            "<" => new Bounds(null, true, exact, false),
            "<=" => hasPatch ? new Bounds(null, true, exact, true) : new Bounds(null, true, PastPartial(), false),
            _ => throw new InvalidOperationException($"operator {op}"),
        };
        comparator = new Comparator(
            wildcard ? ComparatorOp.Exact : OpOf(op), m, hasMinor ? n : null, hasPatch ? p : null, pre ?? string.Empty);
        if (unbumpable is { } number)
        {
            bounds = default;
            error = $"'{text}': {number.ToString(CultureInfo.InvariantCulture)} is the "
                + "largest number a version can have, so this range has no end past it";
            fix = SmallerNumbersFix;
            return false;
        }

        error = string.Empty;
        return true;

        // ^1.2.3 <2.0.0; ^0.2.3 <0.3.0; ^0.0.3 <0.0.4; ^0.0 <0.1.0; ^0 <1.0.0.
        NuGetVersion Caret() =>
            m > 0 || !hasMinor ? NextMajor()
            : n > 0 || !hasPatch ? NextMinor()
            : NextPatch();
    }

    private const string SmallerNumbersFix = "write a smaller number: a range such as ^, ~, a partial "
        + "version or a wildcard reaches up to the next MAJOR, MINOR or PATCH, which must exist";

    // Decimal, no leading zero, but past int.MaxValue: NuGet's versions hold 32-bit numbers.
    private static bool IsTooLarge(string text) =>
        text.Length > 0
            && text.All(char.IsAsciiDigit)
            && (text == "0" || text[0] != '0')
            && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool TryNumber(string? text, out int value)
    {
        value = 0;
        if (text is null)
        {
            return true;
        }

        return (text == "0" || text[0] != '0') && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(
        @"^(?<op>\^|~|=|>=|>|<=|<)?\s*(?<major>\d+|\*|x|X)(?:\.(?<minor>\d+|\*|x|X)(?:\.(?<patch>\d+|\*|x|X)"
            + @"(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ComparatorPattern();

    private static ComparatorOp OpOf(string op) => op switch
    {
        "" or "^" => ComparatorOp.Caret,
        "~" => ComparatorOp.Tilde,
        "=" => ComparatorOp.Exact,
        ">" => ComparatorOp.Greater,
        ">=" => ComparatorOp.GreaterEq,
        "<" => ComparatorOp.Less,
        _ => ComparatorOp.LessEq,
    };

    private readonly record struct Bounds(NuGetVersion? Lower, bool LowerInclusive, NuGetVersion? Upper, bool UpperInclusive);

    private enum ComparatorOp
    {
        Exact,
        Greater,
        GreaterEq,
        Less,
        LessEq,
        Tilde,
        Caret,
    }

    /// <summary>One comparator as the semver crate holds it; <see cref="Matches"/> is its <c>matches_impl</c>.</summary>
    private readonly record struct Comparator(ComparatorOp Op, int Major, int? Minor, int? Patch, string Pre)
    {
        public bool Matches(NuGetVersion version) => Op switch
        {
            ComparatorOp.Exact => MatchesExact(version),
            ComparatorOp.Greater => MatchesGreater(version),
            ComparatorOp.GreaterEq => MatchesExact(version) || MatchesGreater(version),
            ComparatorOp.Less => MatchesLess(version),
            ComparatorOp.LessEq => MatchesExact(version) || MatchesLess(version),
            ComparatorOp.Tilde => MatchesTilde(version),
            _ => MatchesCaret(version),
        };

        /// <summary>The crate's <c>pre_is_compatible</c>: this comparator names a pre-release of the version's MAJOR.MINOR.PATCH.</summary>
        public bool OptsIn(NuGetVersion version) =>
            Pre.Length > 0 && Major == version.Major && Minor == version.Minor && Patch == version.Patch;

        private bool MatchesExact(NuGetVersion version) =>
            version.Major == Major
            && (Minor is not { } minor || version.Minor == minor)
            && (Patch is not { } patch || version.Patch == patch)
            && ComparePre(version.Release, Pre) == 0;

        private bool MatchesGreater(NuGetVersion version)
        {
            if (version.Major != Major)
            {
                return version.Major > Major;
            }

            if (Minor is not { } minor)
            {
                return false;
            }

            if (version.Minor != minor)
            {
                return version.Minor > minor;
            }

            if (Patch is not { } patch)
            {
                return false;
            }

            return version.Patch != patch ? version.Patch > patch : ComparePre(version.Release, Pre) > 0;
        }

        private bool MatchesLess(NuGetVersion version)
        {
            if (version.Major != Major)
            {
                return version.Major < Major;
            }

            if (Minor is not { } minor)
            {
                return false;
            }

            if (version.Minor != minor)
            {
                return version.Minor < minor;
            }

            if (Patch is not { } patch)
            {
                return false;
            }

            return version.Patch != patch ? version.Patch < patch : ComparePre(version.Release, Pre) < 0;
        }

        private bool MatchesTilde(NuGetVersion version)
        {
            if (version.Major != Major || (Minor is { } minor && version.Minor != minor))
            {
                return false;
            }

            if (Patch is { } patch && version.Patch != patch)
            {
                return version.Patch > patch;
            }

            return ComparePre(version.Release, Pre) >= 0;
        }

        private bool MatchesCaret(NuGetVersion version)
        {
            if (version.Major != Major)
            {
                return false;
            }

            if (Minor is not { } minor)
            {
                return true;
            }

            if (Patch is not { } patch)
            {
                return Major > 0 ? version.Minor >= minor : version.Minor == minor;
            }

            if (Major > 0)
            {
                if (version.Minor != minor)
                {
                    return version.Minor > minor;
                }

                if (version.Patch != patch)
                {
                    return version.Patch > patch;
                }
            }
            else if (minor > 0)
            {
                if (version.Minor != minor)
                {
                    return false;
                }

                if (version.Patch != patch)
                {
                    return version.Patch > patch;
                }
            }
            else if (version.Minor != minor || version.Patch != patch)
            {
                return false;
            }

            return ComparePre(version.Release, Pre) >= 0;
        }
    }

    /// <summary>
    /// Orders pre-release strings as the semver crate does: none (a release) after any; dot-separated identifiers
    /// left to right, numeric ones by value and before alphanumeric ones, alphanumeric ones in ASCII order (case
    /// matters, unlike NuGet's comparer); a longer list after its prefix.
    /// </summary>
    private static int ComparePre(string left, string right)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            return right.Length.CompareTo(0) - left.Length.CompareTo(0);
        }

        var lefts = left.Split('.');
        var rights = right.Split('.');
        for (var i = 0; i < lefts.Length; i++)
        {
            if (i >= rights.Length)
            {
                return 1;
            }

            var (l, r) = (lefts[i], rights[i]);
            var (leftNumeric, rightNumeric) = (l.All(char.IsAsciiDigit), r.All(char.IsAsciiDigit));
            var order = (leftNumeric, rightNumeric) switch
            {
                (true, true) => l.Length != r.Length ? l.Length.CompareTo(r.Length) : string.CompareOrdinal(l, r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(l, r),
            };
            if (order != 0)
            {
                return Math.Sign(order);
            }
        }

        return lefts.Length == rights.Length ? 0 : -1;
    }
}
