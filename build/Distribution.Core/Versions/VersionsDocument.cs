using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// version-management/versions.toml as read by <see cref="VersionsReader"/>: the component sources, the
/// compatibility matrix and the bundles, with positions. Only what was well-formed is here; the reader's
/// diagnostics say what was left out. <see cref="VersionsValidator"/> checks how the parts agree.
/// </summary>
/// <param name="File">The file name used in diagnostics.</param>
/// <param name="Sources">The <c>[components.KIND]</c> tables that were well-formed.</param>
/// <param name="ExtensionNames">The known extensions (<c>[components.extensions] names</c>).</param>
/// <param name="HasComponents">Whether the file has a <c>[components]</c>
/// table at all; without one, extension names are not checked.</param>
/// <param name="Matrix">The compatibility entries, in file order.</param>
/// <param name="Bundles">The bundles, in file order.</param>
public sealed record VersionsDocument(
    string File,
    ImmutableDictionary<ComponentKind, ComponentSource> Sources,
    ImmutableArray<string> ExtensionNames,
    bool HasComponents,
    ImmutableArray<CompatibilityEntry> Matrix,
    ImmutableArray<VersionsBundle> Bundles)
{
    public static VersionsDocument Empty(string file) =>
        new(file, ImmutableDictionary<ComponentKind, ComponentSource>.Empty, [], false, [], []);

    /// <summary>The newest stable bundle by release date (the later in the file on a tie); null when there is none.</summary>
    public BundleSpec? DefaultBundle =>
        Bundles.Where(bundle => bundle.Kind == BundleKind.Stable && bundle.ReleaseDate is not null)
            .Select((bundle, index) => (bundle, index))
            .OrderByDescending(item => item.bundle.ReleaseDate)
            .ThenByDescending(item => item.index)
            .Select(item => item.bundle.ToSpec())
            .FirstOrDefault();

    /// <summary>The TOML key of a component kind: core, platform, workspace, extensions.</summary>
    public static string KindKey(ComponentKind kind) => kind switch
    {
        ComponentKind.Core => "core",
        ComponentKind.Platform => "platform",
        ComponentKind.Workspace => "workspace",
        _ => "extensions",
    };

    public VersionsBundle? FindBundle(string id)
        => Bundles.FirstOrDefault(bundle => string.Equals(bundle.Id, id, StringComparison.Ordinal));

    /// <summary>Where the file names each component's version in bundle <paramref name="id"/> (empty when it has no such bundle).</summary>
    public ImmutableDictionary<ComponentId, SourceLocation> PositionsIn(string id) =>
        FindBundle(id)?.Components
            .DistinctBy(component => component.Component)
            .ToImmutableDictionary(component => component.Component, component => component.Location)
        ?? ImmutableDictionary<ComponentId, SourceLocation>.Empty;

    /// <summary>
    /// The bundle <paramref name="id"/> as the pipeline uses it; a <see cref="UserErrorException"/> naming the bundles when there is none.
    /// </summary>
    public BundleSpec GetBundleSpec(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var bundle = FindBundle(id);
        if (bundle is not null)
        {
            return bundle.ToSpec();
        }

        var ids = Bundles.Select(item => item.Id).ToList();
        var nearest = KeySuggester.Nearest(id, ids);
        var fix = ids.Count == 0
            ? "add a bundle to versions.toml first: ./build.sh --target=NewBundle"
            : (nearest is null ? string.Empty : $"did you mean '{nearest}'? ") + $"the bundles are: {string.Join(", ", ids)}";
        throw UserErrorException.At(SourceLocation.InFile(File), DiagnosticCodes.Versions.UnknownBundle, $"there is no bundle '{id}'", fix);
    }

    /// <summary>The default bundle, or a <see cref="UserErrorException"/> when the file has no stable bundle.</summary>
    public BundleSpec GetDefaultBundleSpec() =>
        DefaultBundle
            ?? throw UserErrorException.At(
                SourceLocation.InFile(File),
                DiagnosticCodes.Versions.NoDefaultBundle,
                "versions.toml has no stable bundle with a release date",
                "name one with --bundle=ID, or add one: ./build.sh --target=NewBundle");

    /// <summary>
    /// An ad-hoc combination (kind Custom; id <paramref name="id"/> or <see cref="CustomBundleId"/>). Check it
    /// against the matrix with <see cref="VersionsValidator.ValidateSpec"/>.
    /// </summary>
    public static BundleSpec CustomBundle(
        string? id, NuGetVersion core, NuGetVersion platform, NuGetVersion workspace, IEnumerable<BundleComponent> extensions)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(extensions);
        BundleComponent[] components =
        [
            new(ComponentId.Core, core),
            new(ComponentId.Platform, platform),
            new(ComponentId.Workspace, workspace),
            .. extensions,
        ];
        var ordered = components.OrderBy(item => item.Component).ToImmutableArray();
        var bundleId = string.IsNullOrWhiteSpace(id) ? CustomBundleId(ordered) : id;
        return new BundleSpec(
            bundleId,
            $"Custom bundle (core {core.ToNormalizedString()})",
            BundleKind.Custom,
            null,
            null,
            ordered);
    }

    /// <summary>
    /// The default id of an ad-hoc combination: every component and version in component order,
    /// <c>custom-core-3.2.1-platform-2.5.3-workspace-1.4.0-ext-mongodb-1.2.0</c> (lower case), so two combinations
    /// never share an id and the same combination always gets the same one.
    /// </summary>
    public static string CustomBundleId(IEnumerable<BundleComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return "custom-" + string.Join('-', components.OrderBy(item => item.Component)
            .Select(item => $"{item.Component.Id}-{item.Version.ToNormalizedString()}")).ToLowerInvariant();
    }

    /// <summary>
    /// The entry governing <paramref name="version"/> of <paramref name="kind"/>: the listed entry with the same
    /// MAJOR.MINOR and the highest version not above it. A pre-release is governed as its release will be
    /// (3.2.1-rc.1 by the entry that governs 3.2.1: it is a candidate for 3.2.1 and makes 3.2.1's promises), except
    /// that an entry for a later pre-release does not count (4.0.0-rc.2's entry does not govern 4.0.0-rc.1). Null
    /// when none does.
    /// </summary>
    public CompatibilityEntry? Governing(ComponentKind kind, NuGetVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var bound = version.IsPrerelease ? new NuGetVersion(version.Major, version.Minor, version.Patch) : version;
        return Matrix.Where(entry => entry.Kind == kind && entry.Version.Major == version.Major && entry.Version.Minor == version.Minor
                && entry.Version <= bound && !(entry.Version.IsPrerelease && entry.Version > version))
            .OrderByDescending(entry => entry.Version)
            .FirstOrDefault();
    }

    public bool HasMatrixFor(ComponentKind kind) => kind is ComponentKind.Core or ComponentKind.Platform;

    public ComponentSource? SourceFor(ComponentKind kind) => Sources.GetValueOrDefault(kind);

    /// <summary>Each kind's repository as <c>[components.KIND]</c> names it, by <see cref="KindKey"/> (what the SBOM cites).</summary>
    public ImmutableSortedDictionary<string, string> Repositories() =>
        Sources.ToImmutableSortedDictionary(pair => KindKey(pair.Key), pair => pair.Value.Repository, StringComparer.Ordinal);

    public bool Equals(VersionsDocument? other) =>
        other is not null && File == other.File && HasComponents == other.HasComponents
        && Sources.Count == other.Sources.Count
            && Sources.All(pair => other.Sources.TryGetValue(pair.Key, out var source) && source == pair.Value)
        && ExtensionNames.SequenceEqual(other.ExtensionNames) && Matrix.SequenceEqual(other.Matrix) && Bundles.SequenceEqual(other.Bundles);

    public override int GetHashCode() => HashCode.Combine(File, Matrix.Length, Bundles.Length);
}
