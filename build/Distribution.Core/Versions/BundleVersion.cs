using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>One component of a bundle in versions.toml with where its version was written.</summary>
public sealed record BundleVersion(ComponentId Component, NuGetVersion Version, SourceLocation Location)
{
    /// <summary><c>core 3.2.1</c>, <c>azure@2.0.0</c>: the component as users write it.</summary>
    public string Display => Component.Kind == ComponentKind.Extension
        ? $"{Component.Name}@{Version.ToNormalizedString()}"
        : $"{Component.Id} {Version.ToNormalizedString()}";

    public BundleComponent ToComponent() => new(Component, Version);
}
