using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// The newest combination the matrix allows, for nightly integration runs: the newest released core that a matrix
/// entry governs, with, for each other component, the newest released version that the validator accepts beside
/// that core (both directions of every range hold, and the platform is governed too). Extensions with no
/// acceptable version are left out; a core for which no platform or workspace fits is passed over for the next one.
/// Pre-releases are never chosen.
/// </summary>
public static class NewestCombination
{
    public static BundleSpec Resolve(
        VersionsDocument document, IReadOnlyDictionary<ComponentId, ImmutableArray<NuGetVersion>> available, string? bundleId)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(available);
        foreach (var core in Released(available, ComponentId.Core).Where(
            version => document.Governing(ComponentKind.Core, version) is not null))
        {
            var platform = Newest(
                document,
                available,
                core,
                ComponentId.Platform,
                version => document.Governing(ComponentKind.Platform, version) is not null);
            var workspace = Newest(document, available, core, ComponentId.Workspace, _ => true);
            if (platform is null || workspace is null)
            {
                continue;
            }

            var extensions = available.Keys
                .Where(component => component.Kind == ComponentKind.Extension)
                .Order()
                .Select(extension => (extension, Version: Newest(document, available, core, extension, _ => true)))
                .Where(pick => pick.Version is not null)
                .Select(pick => new BundleComponent(pick.extension, pick.Version!));
            var spec = VersionsDocument.CustomBundle(bundleId, core, platform, workspace, extensions);
            if (!VersionsValidator.ValidateSpec(document, spec).Any(diagnostic => diagnostic.IsError))
            {
                return spec;
            }
        }

        throw UserErrorException.Of(
            DiagnosticCodes.Versions.BadOption,
            "--newest: no released core, platform and workspace versions satisfy the compatibility matrix together",
            "add a matrix entry for the newest core, or tag compatible platform and workspace releases");
    }

    private static NuGetVersion? Newest(
        VersionsDocument document,
        IReadOnlyDictionary<ComponentId, ImmutableArray<NuGetVersion>> available,
        NuGetVersion core,
        ComponentId component,
        Func<NuGetVersion, bool> governed) =>
        Released(available, component)
            .Where(governed)
            .FirstOrDefault(version => !VersionsValidator.ValidateSpec(
                document, Pair(core, component, version)).Any(diagnostic => diagnostic.IsError));

    private static IEnumerable<NuGetVersion> Released(
        IReadOnlyDictionary<ComponentId, ImmutableArray<NuGetVersion>> available, ComponentId component) =>
        available.TryGetValue(component, out var versions) ? versions.Where(version => !version.IsPrerelease).OrderDescending() : [];

    private static BundleSpec Pair(NuGetVersion core, ComponentId component, NuGetVersion version) =>
        new(
            "newest-probe",
            "probe",
            BundleKind.Custom,
            null,
            null,
            [new BundleComponent(ComponentId.Core, core), new BundleComponent(component, version)]);
}
