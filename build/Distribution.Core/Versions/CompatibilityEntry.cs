using System.Collections.Immutable;
using System.Globalization;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// One entry of the compatibility matrix, <c>[compatibility.KIND] "VERSION" = { … }</c>. It governs its own
/// version and the later patch releases of the same MAJOR.MINOR, up to the next listed entry.
/// </summary>
public sealed record CompatibilityEntry(
    ComponentKind Kind, NuGetVersion Version, SourceLocation Location, ImmutableArray<CompatibilityConstraint> Constraints)
{
    /// <summary>The entry's place in TOML terms, for messages: <c>compatibility.core."3.2.1"</c>.</summary>
    public string Path => $"compatibility.{VersionsDocument.KindKey(Kind)}.\"{Version.ToNormalizedString()}\"";

    /// <summary>Where it is, for messages: <c>compatibility.core."3.2.1", line 12</c>.</summary>
    public string Describe() => Location.HasPosition ? $"{Path}, line {Location.Line.ToString(CultureInfo.InvariantCulture)}" : Path;

    public bool Equals(CompatibilityEntry? other) =>
        other is not null && Kind == other.Kind && Version == other.Version && Constraints.SequenceEqual(other.Constraints);

    public override int GetHashCode() => HashCode.Combine(Kind, Version);
}
