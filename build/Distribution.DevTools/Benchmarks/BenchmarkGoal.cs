namespace Distribution.DevTools.Benchmarks;

/// <summary>One of the speed goals the benchmark checks: what is asked, what was measured, and whether it holds.</summary>
public sealed record BenchmarkGoal(string Key, string Goal, string Measured, bool Met);
