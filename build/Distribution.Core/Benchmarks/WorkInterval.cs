namespace Distribution.Core.Benchmarks;

/// <summary>A stretch of wall-clock time spent on one kind of work.</summary>
public sealed record WorkInterval(WorkKind Kind, DateTimeOffset Start, DateTimeOffset End);
