using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Sources;

/// <summary>
/// The checks <c>fetch</c> makes on what it finds in a repository: the tag exists (else the nearest ones are
/// named), the tag has not moved since the lock was written, and the component's own manifest at the tag agrees
/// with the bundle (its version, and the core range it needs holds for the bundle's core).
/// </summary>
public static class SourceChecks
{
    /// <summary>The versions of <paramref name="component"/> that <paramref name="tags"/> spell with the source's tag pattern.</summary>
    public static ImmutableSortedDictionary<NuGetVersion, string> VersionsOf(
        ComponentSource source, ComponentId component, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(tags);
        var pattern = "^" + Regex.Escape(source.TagPattern)
            .Replace(Regex.Escape("{name}"), Regex.Escape(component.Name), StringComparison.Ordinal)
            .Replace(Regex.Escape("{version}"), "(?<version>.+)", StringComparison.Ordinal) + "$";
        var result = ImmutableSortedDictionary.CreateBuilder<NuGetVersion, string>();
        foreach (var tag in tags)
        {
            var match = Regex.Match(tag, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (match.Success && NuGetVersion.TryParse(match.Groups["version"].Value, out var version))
            {
                result[version] = tag;
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Up to four tags of the component nearest to <paramref name="wanted"/>: the two below it and the two above.</summary>
    public static ImmutableArray<string> NearestTags(
        ComponentSource source, ComponentId component, NuGetVersion wanted, IEnumerable<string> tags)
    {
        var versions = VersionsOf(source, component, tags);
        var below = versions.Where(pair => pair.Key < wanted).TakeLast(2);
        var above = versions.Where(pair => pair.Key > wanted).Take(2);
        return [.. below.Concat(above).Select(pair => pair.Value)];
    }

    /// <summary>
    /// SRC020: the tag of a bundle's component is not in the repository; at <paramref name="where"/>, the place
    /// versions.toml names the component's version in the bundle (none for an ad-hoc combination).
    /// </summary>
    public static Diagnostic MissingTag(
        string bundle,
        BundleComponent component,
        string tag,
        string repository,
        ImmutableArray<string> nearest,
        SourceLocation? where = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        var fix = nearest.IsDefaultOrEmpty
            ? $"tag the release as '{tag}' in {repository}, or check [components] tag in versions.toml"
            : $"the nearest tags are {string.Join(", ", nearest)}; fix the version in bundle '{bundle}' or tag the release";
        return Diagnostic.Error(
            DiagnosticCodes.Sources.TagMissing,
            $"{component.Component.Id} {component.Version.ToNormalizedString()}: tag '{tag}' does not exist in {repository}",
            fix,
            where ?? SourceLocation.None);
    }

    /// <summary>
    /// SRC021 when the tag now points to another commit than the lock says (a warning with <paramref name="updateLock"/>);
    /// null when the lock has no entry for it, pins another version, or agrees.
    /// </summary>
    public static Diagnostic? MovedTag(
        string bundle, LockedComponent? locked, LockedComponent found, bool updateLock, string lockFile, SourceLocation? bundleEntry = null)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (locked is null || locked.Tag != found.Tag || locked.Commit == found.Commit)
        {
            return null;
        }

        return LockDisagrees(
            DiagnosticCodes.Sources.TagMoved,
            $"tag '{found.Tag}' of {found.Component.Id} now points to commit "
                + $"{found.Commit}, but the lock of bundle '{bundle}' says {locked.Commit}" + NamedAt(bundle, bundleEntry),
            updateLock,
            "check why the tag moved and that git diff of versions.lock shows only this commit, then commit versions.lock",
            "a released tag must not move: find out who moved it; if the new commit is right, run again with --update-lock",
            At(locked, lockFile));
    }

    /// <summary>
    /// SRC026 when the lock pins the commit the tag points to but another tree than that commit has in the mirror (a
    /// warning with <paramref name="updateLock"/>, which records the mirror's tree); null when the lock has no entry
    /// for it, pins another tag or commit (that is <see cref="MovedTag"/>'s), or agrees. A commit's tree never
    /// changes, so the lock was edited or damaged — or, for an extension, its folder (<c>path</c>) changed.
    /// </summary>
    public static Diagnostic? ChangedTree(
        string bundle, LockedComponent? locked, LockedComponent found, bool updateLock, string lockFile, SourceLocation? bundleEntry = null)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (locked is null || locked.Tag != found.Tag || locked.Commit != found.Commit || locked.Tree == found.Tree)
        {
            return null;
        }

        return LockDisagrees(
            DiagnosticCodes.Sources.TreeMismatch,
            $"{found.Component.Id} {found.Version.ToNormalizedString()}: commit {found.Commit} of tag '{found.Tag}' "
                + $"has tree {found.Tree} in the mirror, but the lock of bundle '{bundle}' says tree {locked.Tree}"
                + NamedAt(bundle, bundleEntry),
            updateLock,
            "check with git diff that only the tree changed, then commit versions.lock",
            $"a commit's tree never changes, so the lock was edited or damaged: restore it from git ({LockFile.RestoreCommand(lockFile)}); "
                + "if [components.extensions] path changed on purpose, run again with --update-lock",
            At(locked, lockFile));
    }

    /// <summary>
    /// What the mirror says disagrees with the lock, at the lock's entry: a warning when the lock is being updated (it
    /// is), else an error.
    /// </summary>
    private static Diagnostic LockDisagrees(
        string code, string message, bool updateLock, string updatedFix, string fix, SourceLocation where) =>
        updateLock
            ? Diagnostic.Warning(code, message + "; the lock is updated (--update-lock)", updatedFix, where)
            : Diagnostic.Error(code, message, fix, where);

    /// <summary>The lock entry's place when it was read from the file, else the lock file.</summary>
    private static SourceLocation At(LockedComponent locked, string lockFile) =>
        locked.Location.HasPosition ? locked.Location : SourceLocation.InFile(lockFile);

    /// <summary>" (bundle 'ID' names it at versions.toml(L,C))" when that place is known.</summary>
    private static string NamedAt(string bundle, SourceLocation? bundleEntry) =>
        bundleEntry is { HasPosition: true } entry ? $" (bundle '{bundle}' names it at {entry})" : string.Empty;

    /// <summary>
    /// The manifest against the bundle: SRC030 for a key the component's kind must have (<c>version</c> always,
    /// <c>name</c> for an extension, <c>core-version</c> for all but the core, which has none); SRC031 when its version
    /// differs from the bundle's, or an extension's name from the extension's; SRC032 when its core range does not
    /// hold for the bundle's core. <paramref name="manifestFile"/> names the manifest for messages.
    /// </summary>
    public static ImmutableArray<Diagnostic> CheckManifest(
        BundleSpec bundle, BundleComponent component, ComponentManifest manifest, string tag, string manifestFile)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(manifest);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var where = SourceLocation.InFile(manifestFile);
        var label = $"{component.Component.Id} {component.Version.ToNormalizedString()}";
        var fixManifest = "fix the manifest in the component's repository and tag the fixed commit (or use another version)";
        if (manifest.Version is not { } version)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Sources.BadManifest,
                $"{label}: the manifest at tag '{tag}' has no version",
                $"add version = \"{component.Version.ToNormalizedString()}\"; {fixManifest}",
                where));
        }
        else if (version != component.Version)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Sources.ManifestMismatch,
                $"{label}: the manifest at tag '{tag}' says version {version.ToNormalizedString()}",
                "the tag is on the wrong commit, or the release commit forgot to bump the manifest",
                where));
        }

        if (component.Component.Kind == ComponentKind.Extension)
        {
            if (manifest.Name.Length == 0)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Sources.BadManifest,
                    $"{label}: the manifest at tag '{tag}' has no name",
                    $"add name = \"{component.Component.Name}\"; {fixManifest}",
                    where));
            }
            else if (!string.Equals(manifest.Name, component.Component.Name, StringComparison.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Sources.ManifestMismatch,
                    $"{label}: the manifest at tag '{tag}' is the manifest of '{manifest.Name}', not of '{component.Component.Name}'",
                    "the extension's folder holds another extension: check [components.extensions] "
                        + "path in versions.toml, or fix the manifest's name in the repository",
                    where));
            }
        }

        if (component.Component.Kind == ComponentKind.Core)
        {
            return diagnostics.ToImmutable();
        }

        if (manifest.CoreVersion is null)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Sources.BadManifest,
                $"{label}: the manifest at tag '{tag}' has no core-version, so nothing says which cores it works with",
                $"add core-version = \"^MAJOR.MINOR\" (the core line it was made for); {fixManifest}",
                where));
            return diagnostics.ToImmutable();
        }

        if (!SemverRequirement.TryParse(manifest.CoreVersion, out var requirement, out var error, out var fix))
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Sources.BadManifest,
                $"{label}: core-version '{manifest.CoreVersion}' at tag '{tag}' is not a requirement: {error}",
                fix.Length > 0 ? fix + ", in the component's manifest" : "fix the manifest in the component's repository",
                where));
        }
        else if (bundle.Find(ComponentId.Core) is { } core && !requirement.IsSatisfiedBy(core.Version))
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Sources.CoreRangeBroken,
                $"{label} needs core {manifest.CoreVersion} (its manifest at tag '{tag}'), "
                    + $"but bundle '{bundle.Id}' has core {core.Version.ToNormalizedString()}",
                $"use a version of {component.Component.Id} made for core "
                    + $"{core.Version.ToNormalizedString()}, or a core that satisfies {manifest.CoreVersion}",
                where));
        }

        return diagnostics.ToImmutable();
    }
}
