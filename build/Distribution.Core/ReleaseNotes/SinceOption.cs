using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Reads <c>--since</c>: a bundle id (<c>stable-3.1</c>) or component versions (<c>core@3.1.0,ext-mongodb@0.9.2</c>).
/// Components a version list does not name keep their version from <paramref name="fallback"/> (the default
/// previous bundle), so <c>--since=core@3.1.0</c> only moves core's starting point.
/// </summary>
public static class SinceOption
{
    public static BundleSpec Resolve(string since, IReadOnlyCollection<BundleSpec> bundles, BundleSpec? fallback)
    {
        ArgumentNullException.ThrowIfNull(since);
        ArgumentNullException.ThrowIfNull(bundles);
        var text = since.Trim();
        var named = bundles.FirstOrDefault(bundle => bundle.Id.Equals(text, StringComparison.Ordinal));
        if (named is not null)
        {
            return named;
        }

        if (!text.Contains('@', StringComparison.Ordinal))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.ReleaseNotes.BadSince,
                $"--since={text} names no bundle of versions.toml",
                $"use a bundle id ({string.Join(", ", bundles.Select(bundle => bundle.Id).Order(StringComparer.Ordinal))}) "
                    + "or versions such as core@3.1.0,platform@2.4.0");
        }

        var versions = new Dictionary<ComponentId, NuGetVersion>();
        var errors = new List<Diagnostic>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.LastIndexOf('@');
            var component = at > 0 ? ComponentId.TryParse(part[..at]) : null;
            if (component is null)
            {
                errors.Add(Diagnostic.Error(
                    DiagnosticCodes.ReleaseNotes.SinceUnknownComponent,
                    $"--since: '{part}' does not name a component",
                    "write COMPONENT@VERSION with core, platform, workspace or ext-NAME (ext-mongodb@0.9.2)"));
                continue;
            }

            if (!NuGetVersion.TryParse(part[(at + 1)..], out var version))
            {
                errors.Add(Diagnostic.Error(
                    DiagnosticCodes.ReleaseNotes.SinceBadVersion,
                    $"--since: '{part[(at + 1)..]}' is not a version",
                    $"write {component.Id}@MAJOR.MINOR.PATCH"));
                continue;
            }

            versions[component] = version;
        }

        if (errors.Count > 0)
        {
            throw new UserErrorException(errors);
        }

        var components = (fallback?.Components ?? [])
            .Where(item => !versions.ContainsKey(item.Component))
            .Concat(versions.Select(pair => new BundleComponent(pair.Key, pair.Value)))
            .OrderBy(item => item.Component)
            .ToImmutableArray();
        return new BundleSpec(text, text, BundleKind.Custom, null, null, components);
    }
}
