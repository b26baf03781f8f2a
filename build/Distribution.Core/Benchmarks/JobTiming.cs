using System.Collections.Immutable;

namespace Distribution.Core.Benchmarks;

/// <summary>One archive of a packaging run: whether the cache had it, and the work done to make it.</summary>
public sealed record JobTiming(string Archive, bool FromCache, ImmutableArray<WorkInterval> Work);
