namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One way of packing the same files (ours, <c>tar | gzip -6</c>, <c>tar | pigz</c>…): its wall times and its output size.
/// </summary>
public sealed record ArchiverRun(string Key, string Label, Measurement Seconds, long OutputBytes)
{
    /// <summary>Input megabytes (10^6 bytes) per second, per run.</summary>
    public Measurement MegabytesPerSecond(long inputBytes) => Seconds.MegabytesPerSecond(inputBytes);
}
