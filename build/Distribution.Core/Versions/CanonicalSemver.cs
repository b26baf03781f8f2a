using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// Versions as versions.toml, tags and bundles spell them: canonical SemVer 2.0 (<c>3.2.1</c>, <c>1.0.0-rc.1</c>),
/// no <c>v</c>, no leading zeros, exactly three numbers.
/// </summary>
public static partial class CanonicalSemver
{
    public static bool TryParse(string text, [NotNullWhen(true)] out NuGetVersion? version)
    {
        ArgumentNullException.ThrowIfNull(text);
        version = null;
        return Pattern().IsMatch(text) && NuGetVersion.TryParse(text, out version);
    }

    /// <summary>How to fix a version that is not canonical: the canonical spelling when one is evident.</summary>
    public static string FixFor(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Pattern().IsMatch(text) && !NuGetVersion.TryParse(text, out _))
        {
            return "write smaller numbers: MAJOR, MINOR and PATCH are at most 2147483647";
        }

        var trimmed = text.Trim().TrimStart('v', 'V');
        if (NuGetVersion.TryParse(trimmed, out var guess) && guess.Revision == 0 && !guess.IsLegacyVersion)
        {
            var canonical = guess.ToNormalizedString();
            if (Pattern().IsMatch(canonical) && canonical != text)
            {
                return $"write \"{canonical}\" (SemVer: MAJOR.MINOR.PATCH, no 'v', no leading zeros)";
            }
        }

        return "write a SemVer version such as \"3.2.1\" or \"1.0.0-rc.1\"";
    }

    // https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
    [GeneratedRegex(
        @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
            + @"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
