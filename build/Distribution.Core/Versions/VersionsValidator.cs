using System.Collections.Immutable;
using System.Globalization;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Versions;

/// <summary>
/// Checks how the parts of a <see cref="VersionsDocument"/> agree: every bundle against the matrix in both
/// directions (the core entry's ranges on platform, workspace and every extension; the platform entry's
/// <c>core</c>/<c>min-core</c> on the core), versions no entry governs (warnings), unknown or repeated
/// extensions, identical bundles, and LTS dates. Pure: "today" is a parameter.
/// </summary>
public static class VersionsValidator
{
    /// <summary>Every semantic problem of <paramref name="document"/>, in file order.</summary>
    public static ImmutableArray<Diagnostic> Validate(VersionsDocument document, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(document);
        var diagnostics = new List<Diagnostic>();
        foreach (var bundle in document.Bundles)
        {
            diagnostics.AddRange(CheckBundle(document, bundle));
            if (bundle.ReleaseDate is { } released && bundle.LtsUntil is { } until && until <= released)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.LtsBeforeRelease,
                    $"bundle {bundle.Id}: lts-until {Iso(until)} is not after its release-date {Iso(released)}",
                    "an LTS period ends after the release: fix either date",
                    bundle.LtsUntilLocation));
            }

            if (bundle.LtsUntil is { } end && end < today)
            {
                diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.Versions.LtsExpired,
                    $"bundle {bundle.Id}: its LTS period ended on {Iso(end)}",
                    "extend lts-until if it is still supported, or remove the bundle from versions.toml",
                    bundle.LtsUntilLocation));
            }
        }

        // The first earlier bundle with the same components, or the same name: one pass, keyed.
        var byComponents = new Dictionary<string, VersionsBundle>(StringComparer.Ordinal);
        var byName = new Dictionary<string, VersionsBundle>(StringComparer.Ordinal);
        foreach (var bundle in document.Bundles)
        {
            var key = ComponentsKey(bundle);
            if (!byComponents.TryAdd(key, bundle))
            {
                var twin = byComponents[key];
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.IdenticalBundles,
                    $"bundle {bundle.Id} has exactly the components of bundle {twin.Id}{Line(twin.Location)}",
                    "remove one of them, or change a component version",
                    bundle.Location));
            }

            if (!byName.TryAdd(bundle.Name, bundle))
            {
                var namesake = byName[bundle.Name];
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.DuplicateBundleName,
                    $"bundle {bundle.Id} has the same name \"{bundle.Name}\" as bundle {namesake.Id}{Line(namesake.Location)}",
                    "give each bundle its own name",
                    bundle.Location));
            }
        }

        return [.. diagnostics];
    }

    /// <summary>
    /// Checks an ad-hoc combination (<see cref="VersionsDocument.CustomBundle"/>) against the matrix exactly as a
    /// bundle of the file is checked; the diagnostics carry no position.
    /// </summary>
    public static ImmutableArray<Diagnostic> ValidateSpec(VersionsDocument document, BundleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(spec);
        var here = SourceLocation.None;
        var bundle = new VersionsBundle(
            spec.Id,
            spec.DisplayName,
            spec.ReleaseDate,
            spec.LtsUntil,
            [.. spec.Components.Select(item => new BundleVersion(item.Component, item.Version, here))],
            here,
            here,
            here)
        {
            Kind = spec.Kind,
        };
        return [.. CheckBundle(document, bundle)];
    }

    private static IEnumerable<Diagnostic> CheckBundle(VersionsDocument document, VersionsBundle bundle)
    {
        var seen = new Dictionary<string, BundleVersion>(StringComparer.Ordinal);
        foreach (var extension in bundle.Extensions)
        {
            if (seen.TryGetValue(extension.Component.Name, out var first))
            {
                yield return Diagnostic.Error(
                    DiagnosticCodes.Versions.DuplicateExtension,
                    $"bundle {bundle.Id}: extension {extension.Component.Name} is listed twice ({first.Display} and {extension.Display})",
                    "keep one version of each extension",
                    extension.Location);
                continue;
            }

            seen[extension.Component.Name] = extension;
            if (document.HasComponents && !document.ExtensionNames.Contains(extension.Component.Name, StringComparer.Ordinal))
            {
                var nearest = KeySuggester.Nearest(extension.Component.Name, document.ExtensionNames);
                var fix = (nearest is null ? string.Empty : $"did you mean '{nearest}'? ")
                    + (document.ExtensionNames.IsEmpty
                        ? "no extensions are known: "
                        : $"the known extensions are {string.Join(", ", document.ExtensionNames)}; ")
                    + "a new extension is added to [components.extensions] names first";
                yield return Diagnostic.Error(
                    DiagnosticCodes.Versions.UnknownExtension,
                    $"bundle {bundle.Id}: unknown extension '{extension.Component.Name}'",
                    fix,
                    extension.Location);
            }
        }

        var core = bundle.Find(ComponentId.Core);
        var platform = bundle.Find(ComponentId.Platform);
        foreach (var governed in new[] { core, platform })
        {
            if (governed is not null && document.Governing(governed.Component.Kind, governed.Version) is null)
            {
                var kind = governed.Component.Id;
                yield return Diagnostic.Warning(
                    DiagnosticCodes.Versions.Ungoverned,
                    $"bundle {bundle.Id}: no entry of [compatibility.{kind}] governs "
                        + $"{governed.Display}, so its compatibility is not checked",
                    $"add \"{governed.Version.Major}.{governed.Version.Minor}.0\" (or an earlier "
                        + $"{governed.Version.Major}.{governed.Version.Minor}.x) to [compatibility.{kind}]",
                    governed.Location);
            }
        }

        // Core → the others: the core entry's platform, workspace and extensions ranges.
        if (core is not null && document.Governing(ComponentKind.Core, core.Version) is { } coreEntry)
        {
            foreach (var constraint in coreEntry.Constraints)
            {
                foreach (var component in bundle.Components.Where(item => item.Component.Kind == constraint.Target))
                {
                    if (!constraint.Requirement.IsSatisfiedBy(component.Version))
                    {
                        yield return Diagnostic.Error(
                            DiagnosticCodes.Versions.CoreRangeBroken,
                            $"bundle {bundle.Id}: {component.Display} does not satisfy {constraint} required "
                                + $"by core {core.Version.ToNormalizedString()} ({coreEntry.Describe()})",
                            $"use a {Noun(component)} matching {constraint.Written}, or "
                                + $"a core whose matrix entry allows {component.Display}",
                            component.Location);
                    }
                }
            }
        }

        // Platform → core: the platform entry's core and min-core.
        if (platform is not null && core is not null && document.Governing(ComponentKind.Platform, platform.Version) is { } platformEntry)
        {
            foreach (var constraint in platformEntry.Constraints.Where(item => item.Target == ComponentKind.Core))
            {
                if (!constraint.Requirement.IsSatisfiedBy(core.Version))
                {
                    yield return Diagnostic.Error(
                        DiagnosticCodes.Versions.PlatformRangeBroken,
                        $"bundle {bundle.Id}: {core.Display} does not satisfy {constraint} required by "
                            + $"platform {platform.Version.ToNormalizedString()} ({platformEntry.Describe()})",
                        $"use a core matching {constraint.Written}, or a platform whose "
                            + $"matrix entry allows core {core.Version.ToNormalizedString()}",
                        core.Location);
                }
            }
        }
    }

    private static string Noun(BundleVersion component) =>
        component.Component.Kind == ComponentKind.Extension
            ? $"version of {component.Component.Name}"
            : $"{component.Component.Id} version";

    /// <summary>
    /// A text equal for two bundles exactly when their components are (NuGetVersion's equality: build metadata
    /// ignored, pre-release labels compared without case).
    /// </summary>
    private static string ComponentsKey(VersionsBundle bundle) =>
        string.Join(
            ',', bundle.ToSpec().Components.Select(item => item.Component.Id + "@" + item.Version.ToNormalizedString().ToUpperInvariant()));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Line(SourceLocation location) =>
        location.HasPosition ? $" (line {location.Line.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
}
