using System.Collections.Immutable;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// One component's versions on both sides of a comparison; null where the component is absent. Only an
/// upgrade has commits to read (<see cref="HasHistory"/>).
/// </summary>
public sealed record ComponentRange(ComponentId Component, NuGetVersion? From, NuGetVersion? To)
{
    public bool HasHistory => From is not null && To is not null && From < To;

    /// <summary>Every component of either bundle, in component order.</summary>
    public static ImmutableArray<ComponentRange> Between(BundleSpec bundle, BundleSpec? previous)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var components = bundle.Components.Select(item => item.Component)
            .Concat(previous?.Components.Select(item => item.Component) ?? [])
            .Distinct()
            .Order();
        return [.. components.Select(component => new ComponentRange(
            component, previous?.Find(component)?.Version, bundle.Find(component)?.Version))];
    }
}
