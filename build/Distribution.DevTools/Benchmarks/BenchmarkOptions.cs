using System.Collections.Immutable;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// What <c>benchmark</c> was asked to do; folders are absolute. <see cref="GrowthComponents"/> are the component counts
/// of the growth curve (empty: none), each bundle with <see cref="GrowthBytesPerComponent"/> of payload per component.
/// </summary>
internal sealed record BenchmarkOptions(
    int Runs,
    string Output,
    string Work,
    int Components,
    long PayloadBytes,
    int ValidationBundles,
    int TomlBundles,
    ImmutableArray<int> GrowthComponents,
    long GrowthBytesPerComponent);
