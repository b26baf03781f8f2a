namespace Distribution.DevTools.Benchmarks;

/// <summary>What <c>benchmark</c> was asked to do; folders are absolute.</summary>
internal sealed record BenchmarkOptions(
    int Runs, string Output, string Work, int Components, long PayloadBytes, int ValidationBundles, int TomlBundles);
