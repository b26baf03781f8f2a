namespace Distribution.Core.Installing;

/// <summary>The outcome of one <see cref="SmokeCheck"/>: passed or not, and what was seen (printed version or the problem).</summary>
public sealed record SmokeResult(SmokeCheck Check, bool Passed, string Seen);
