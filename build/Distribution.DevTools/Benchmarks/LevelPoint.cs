namespace Distribution.DevTools.Benchmarks;

/// <summary>One point of the level curve: our archiver at zlib-ng <see cref="Level"/> on one thread, its times and output size.</summary>
public sealed record LevelPoint(int Level, Measurement Seconds, long OutputBytes)
{
    /// <summary>Input megabytes (10^6 bytes) per second, per run.</summary>
    public Measurement MegabytesPerSecond(long inputBytes) => Seconds.MegabytesPerSecond(inputBytes);
}
