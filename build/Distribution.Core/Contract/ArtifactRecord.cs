using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Contract;

/// <summary>
/// One archive of a bundle as bundle.json lists it: component, version, target, file name, size and SHA-256 (lower-case hex).
/// </summary>
public sealed record ArtifactRecord(Model.ComponentId Component, NuGetVersion Version, string Target, string Name, long Size, string Sha256)
{
    public const string NoArch = "noarch";

    public FileDigest Digest => new(Size, Sha256);

    /// <summary>
    /// Whether an installer on <paramref name="hostTarget"/> installs this archive: noarch always, others on their target.
    /// </summary>
    public bool AppliesTo(string hostTarget) =>
        Target == NoArch || string.Equals(Target, hostTarget, StringComparison.Ordinal);
}
