namespace Distribution.Integration.Tests.Publishing;

/// <summary>
/// A clock that stands still at <see cref="Now"/> and timers that fire at once, recording the wait each was asked
/// for: a test sees exactly how long the code under test would have waited, without waiting.
/// </summary>
internal sealed class RecordingTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly List<TimeSpan> waits = [];

    public DateTimeOffset Now { get; } = now;

    /// <summary>Every positive wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (waits)
            {
                return [.. waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (waits)
            {
                waits.Add(dueTime);
            }

            dueTime = TimeSpan.Zero;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
