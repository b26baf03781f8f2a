using Distribution.Core.Packaging;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// One point of the level curve: our archiver at <see cref="Level"/> (zlib-ng's, in quarter steps) on one thread, its
/// times and output size.
/// </summary>
public sealed record LevelPoint(DeflateLevel Level, Measurement Seconds, long OutputBytes)
{
    /// <summary>Input megabytes (10^6 bytes) per second, per run.</summary>
    public Measurement MegabytesPerSecond(long inputBytes) => Seconds.MegabytesPerSecond(inputBytes);
}
