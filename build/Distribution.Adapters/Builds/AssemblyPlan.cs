using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>What assemble will write: the merged manifest, the release notes, and for each archive the shard file it comes from.</summary>
public sealed record AssemblyPlan(BundleManifest Manifest, string ReleaseNotes, ImmutableSortedDictionary<string, string> Archives)
{
    public string MetaPackageName => Manifest.MetaPackageName;
}
