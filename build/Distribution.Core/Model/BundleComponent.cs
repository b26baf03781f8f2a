using NuGet.Versioning;

namespace Distribution.Core.Model;

/// <summary>One component of a bundle at one version.</summary>
public sealed record BundleComponent(ComponentId Component, NuGetVersion Version)
{
    public override string ToString() => $"{Component.Id}@{Version.ToNormalizedString()}";
}
