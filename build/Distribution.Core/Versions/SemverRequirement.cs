using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// A version requirement with Cargo's semantics (<c>^1.2</c>, <c>~1.2.3</c>, <c>1.*</c>, <c>&gt;=1.0, &lt;2</c>,
/// a bare <c>1.2</c> meaning <c>^1.2</c>), translated onto NuGet's <see cref="VersionRange"/>.
/// Comma-separated comparators must all hold: <see cref="Range"/> is their intersection. NuGet's range alone
/// cannot say Cargo's pre-release rule — a pre-release version matches only when some comparator names a
/// pre-release of the same MAJOR.MINOR.PATCH — so <see cref="IsSatisfiedBy"/> adds it on top of the range.
/// </summary>
/// <param name="Text">The requirement as written.</param>
/// <param name="Range">The versions the comparators admit, before the pre-release rule.</param>
/// <param name="PrereleaseOptIns">The MAJOR.MINOR.PATCH of every comparator written with a pre-release.</param>
public sealed partial record SemverRequirement(string Text, VersionRange Range, ImmutableArray<NuGetVersion> PrereleaseOptIns)
{
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
        if (text.Trim().Length == 0)
        {
            error = "the requirement is empty";
            return false;
        }

        NuGetVersion? lower = null;
        var lowerInclusive = true;
        NuGetVersion? upper = null;
        var upperInclusive = false;
        var optIns = ImmutableArray.CreateBuilder<NuGetVersion>();
        foreach (var part in text.Split(','))
        {
            if (!TryParseComparator(part.Trim(), out var bounds, out error, out fix))
            {
                return false;
            }

            if (bounds.Lower is not null && (lower is null || bounds.Lower > lower || (bounds.Lower == lower && !bounds.LowerInclusive)))
            {
                (lower, lowerInclusive) = (bounds.Lower, bounds.LowerInclusive);
            }

            if (bounds.Upper is not null && (upper is null || bounds.Upper < upper || (bounds.Upper == upper && !bounds.UpperInclusive)))
            {
                (upper, upperInclusive) = (bounds.Upper, bounds.UpperInclusive);
            }

            if (bounds.PrereleaseOptIn is not null)
            {
                optIns.Add(bounds.PrereleaseOptIn);
            }
        }

        lower ??= new NuGetVersion(0, 0, 0);
        var range = new VersionRange(lower, lowerInclusive, upper, upperInclusive);
        requirement = new SemverRequirement(text.Trim(), range, optIns.ToImmutable());
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// True when the range admits <paramref name="version"/> and, for a pre-release, a comparator opted in to its MAJOR.MINOR.PATCH.
    /// </summary>
    public bool IsSatisfiedBy(NuGetVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!Range.Satisfies(version))
        {
            return false;
        }

        return !version.IsPrerelease
            || PrereleaseOptIns.Any(optIn => optIn.Major == version.Major && optIn.Minor == version.Minor && optIn.Patch == version.Patch);
    }

    /// <summary>The NuGet form of the range (<c>[1.2.0, 2.0.0)</c>) for messages.</summary>
    public string RangeText => Range.ToNormalizedString();

    public override string ToString() => Text;

    public bool Equals(SemverRequirement? other) => other is not null && Text == other.Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    private static bool TryParseComparator(string text, out Bounds bounds, out string error, out string fix)
    {
        bounds = default;
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
        if (wildcardAt >= 0)
        {
            if (parts.Skip(wildcardAt + 1).Any(part => part is not null && part is not ("*" or "x" or "X")))
            {
                error = $"'{text}': a number cannot follow a wildcard";
                return false;
            }

            if (op.Length > 0 && op != "=")
            {
                error = $"'{text}': a wildcard version takes no operator other than =";
                return false;
            }

            if (pre is not null)
            {
                error = $"'{text}': a wildcard version cannot carry a pre-release";
                return false;
            }

            // 1.* is =1 and 1.2.* is =1.2: the partial version before the wildcard.
            minor = wildcardAt <= 1 ? null : minor;
            patch = null;
            if (wildcardAt == 0)
            {
                bounds = new Bounds(null, true, null, false, null);
                error = string.Empty;
                return true;
            }

            op = "=";
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
        var optIn = pre is null ? null : new NuGetVersion(m, n, p);

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
            "" or "^" => new Bounds(exact, true, Caret(), false, optIn),
            "~" => new Bounds(exact, true, hasMinor ? NextMinor() : NextMajor(), false, optIn),
            "=" => hasPatch ? new Bounds(exact, true, exact, true, optIn) : new Bounds(exact, true, PastPartial(), false, optIn),
            ">" => hasPatch ? new Bounds(exact, false, null, false, optIn) : new Bounds(PastPartial(), true, null, false, optIn),
            ">=" => new Bounds(exact, true, null, false, optIn),
            "<" => new Bounds(null, true, exact, false, optIn),
            "<=" => hasPatch ? new Bounds(null, true, exact, true, optIn) : new Bounds(null, true, PastPartial(), false, optIn),
            _ => throw new InvalidOperationException($"operator {op}"),
        };
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

    private readonly record struct Bounds(
        NuGetVersion? Lower, bool LowerInclusive, NuGetVersion? Upper, bool UpperInclusive, NuGetVersion? PrereleaseOptIn);
}
