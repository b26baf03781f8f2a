using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Rendering;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// What is new since the matrix was last changed, for the nightly (<c>--newest</c>): beside the newest combination the
/// matrix allows (<see cref="NewestCombination"/>, the one that is built), the newest released tag of every component
/// whether the matrix governs it or not, tried all together and one at a time in the allowed combination, each with
/// what the matrix says of it (<see cref="MatrixVerdict"/>) and why.
/// </summary>
public static class NewestSurvey
{
    public static ImmutableArray<NewestCandidate> Survey(
        VersionsDocument document, IReadOnlyDictionary<ComponentId, ImmutableArray<NuGetVersion>> available, BundleSpec allowed)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(allowed);
        var newest = available
            .Select(pair => (Component: pair.Key, Version: pair.Value.Where(version => !version.IsPrerelease).Max()))
            .Where(pick => pick.Version is not null)
            .ToDictionary(pick => pick.Component, pick => pick.Version!);
        var rows = ImmutableArray.CreateBuilder<NewestCandidate>();
        if (newest.TryGetValue(ComponentId.Core, out var core) && newest.TryGetValue(ComponentId.Platform, out var platform)
            && newest.TryGetValue(ComponentId.Workspace, out var workspace))
        {
            var extensions = newest.Where(pair => pair.Key.Kind == ComponentKind.Extension).OrderBy(pair => pair.Key)
                .Select(pair => new BundleComponent(pair.Key, pair.Value));
            var all = VersionsDocument.CustomBundle(allowed.Id, core, platform, workspace, extensions);
            rows.Add(Judge(document, "the newest tag of every component", all));
        }

        foreach (var (component, version) in newest.OrderBy(pair => pair.Key))
        {
            if (allowed.Find(component) is { } current && current.Version == version)
            {
                continue;
            }

            var components = allowed.Components.Where(item => item.Component != component).Append(new BundleComponent(component, version))
                .OrderBy(item => item.Component).ToImmutableArray();
            var label = $"the newest allowed with {component.Id} {version.ToNormalizedString()}";
            rows.Add(Judge(document, label, allowed with { Components = components }));
        }

        rows.Add(Judge(document, "the newest allowed (built and tested)", allowed));
        return rows.ToImmutable();
    }

    /// <summary>The survey as a table: the terminal's and, as Markdown, the nightly's step summary.</summary>
    public static TextTable Table(ImmutableArray<NewestCandidate> rows) =>
        TextTable.Create(
            "Newest tags and the compatibility matrix",
            ["combination", "versions", "matrix", "why"],
            rows.Select(row => new[]
            {
                row.Label,
                string.Join(", ", row.Spec.Components.Select(component => component.ToString())),
                row.Verdict switch
                {
                    MatrixVerdict.Allowed => "allows",
                    MatrixVerdict.Refused => "refuses",
                    _ => "does not govern yet",
                },
                row.Reasons,
            }));

    private static NewestCandidate Judge(VersionsDocument document, string label, BundleSpec spec)
    {
        var diagnostics = VersionsValidator.ValidateSpec(document, spec);
        var errors = diagnostics.Where(diagnostic => diagnostic.IsError).ToList();
        var ungoverned = diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.Versions.Ungoverned).ToList();
        var verdict = errors.Count > 0 ? MatrixVerdict.Refused : ungoverned.Count > 0 ? MatrixVerdict.NotGoverned : MatrixVerdict.Allowed;
        var reasons = string.Join("; ", errors.Concat(ungoverned).Select(diagnostic => diagnostic.Message).Distinct());
        return new NewestCandidate(label, spec, verdict, reasons);
    }
}
