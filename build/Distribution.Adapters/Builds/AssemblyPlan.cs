using System.Collections.Immutable;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>What assemble will write: the merged manifest, the release notes, and for each archive the shard file it comes from.</summary>
public sealed record AssemblyPlan(BundleManifest Manifest, string ReleaseNotes, ImmutableSortedDictionary<string, string> Archives)
{
    public string MetaPackageName => $"provisioning-bundle-{Manifest.Bundle.Id}.tar.gz";
}
