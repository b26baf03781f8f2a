using System.Collections.Immutable;
using Distribution.Core.Sources;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One repository of the synthetic bundle: a one-commit history (tagged for each component it holds), its
/// payload files, and the small text files (manifests) given inline in the history.
/// </summary>
public sealed record SyntheticRepository(string Name, SampleHistory History, ImmutableArray<SyntheticFile> Files)
{
    public long PayloadBytes => Files.Sum(file => (long)file.Size);
}
