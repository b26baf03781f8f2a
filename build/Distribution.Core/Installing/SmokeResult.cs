namespace Distribution.Core.Installing;

/// <summary>
/// The outcome of one <see cref="SmokeCheck"/>: passed or not, what was seen (printed version or the problem) and,
/// when the cause is known to lie outside the bundle (a missing interpreter), how to fix it.
/// </summary>
public sealed record SmokeResult(SmokeCheck Check, bool Passed, string Seen)
{
    /// <summary>How to fix a failure whose cause is not the bundle; null: the bundle's packaging is at fault.</summary>
    public string? Fix { get; init; }
}
