namespace Distribution.DevTools.Benchmarks;

/// <summary>Where and when a benchmark ran (the numbers mean little without it).</summary>
public sealed record BenchmarkMachine(int Cores, string OperatingSystem, string Runtime, DateTimeOffset Date);
