using System.Collections.Immutable;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>What <c>new-bundle</c> is asked to add: a bundle id and the versions of a coordinated release.</summary>
/// <param name="Name">The display name; null for the default (<c>Stable 4.0 Bundle</c>, <c>LTS 4.0 Bundle</c>).</param>
public sealed record NewBundleRequest(
    string Id,
    string? Name,
    NuGetVersion Core,
    NuGetVersion Platform,
    NuGetVersion Workspace,
    ImmutableArray<ExtensionPin> Extensions,
    DateOnly ReleaseDate,
    DateOnly? LtsUntil)
{
    /// <summary>
    /// The name written when none is given: <c>Stable 4.0 Bundle</c> or <c>LTS 4.0 Bundle</c>, after the core's MAJOR.MINOR.
    /// </summary>
    public string DisplayName => Name ?? $"{(LtsUntil is null ? "Stable" : "LTS")} {Core.Major}.{Core.Minor} Bundle";

    public bool Equals(NewBundleRequest? other) =>
        other is not null
            && Id == other.Id
            && Name == other.Name
            && Core == other.Core
            && Platform == other.Platform
            && Workspace == other.Workspace
        && Extensions.SequenceEqual(other.Extensions) && ReleaseDate == other.ReleaseDate && LtsUntil == other.LtsUntil;

    public override int GetHashCode() => HashCode.Combine(Id, Core, Platform, Workspace);
}
