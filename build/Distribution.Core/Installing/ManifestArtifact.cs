namespace Distribution.Core.Installing;

/// <summary>One archive of a bundle, as bundle.json lists it (docs/formats.md).</summary>
public sealed record ManifestArtifact(string Component, string Version, string Target, string Name, long Size, string Sha256)
{
    public const string NoArch = "noarch";

    /// <summary>Whether an installer on <paramref name="hostTarget"/> installs this archive: noarch always, others on their target.</summary>
    public bool AppliesTo(string hostTarget) =>
        Target == NoArch || string.Equals(Target, hostTarget, StringComparison.Ordinal);
}
