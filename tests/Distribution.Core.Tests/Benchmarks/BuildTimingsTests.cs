using Distribution.Core.Benchmarks;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class BuildTimingsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static WorkInterval At(WorkKind kind, double from, double to) => new(kind, Start.AddSeconds(from), Start.AddSeconds(to));

    [Fact]
    public void Busy_time_counts_overlapping_work_once_and_leaves_out_the_gaps()
    {
        var timings = new BuildTimings(
        [
            new JobTiming("a.tar.gz", false, [At(WorkKind.Build, 0, 4), At(WorkKind.Compress, 4, 5)]),
            new JobTiming("b.tar.gz", false, [At(WorkKind.Build, 1, 3), At(WorkKind.Compress, 3, 4.5)]),
            new JobTiming("c.tar.gz", false, [At(WorkKind.Compress, 7, 8)]),
            new JobTiming("d.tar.gz", true, []),
        ]);

        Assert.Equal(6.0, timings.Busy.TotalSeconds, 6);
        Assert.Equal(2, timings.Builds);
        Assert.Equal(3, timings.Compressions);
        Assert.Equal(1, timings.FromCache);
    }

    [Fact]
    public void A_run_with_nothing_to_do_is_never_busy()
    {
        var timings = new BuildTimings([new JobTiming("a.tar.gz", true, [])]);

        Assert.Equal(TimeSpan.Zero, timings.Busy);
        Assert.Equal(0, timings.Builds);
        Assert.Equal(0, timings.Compressions);
    }

    [Fact]
    public void Json_round_trips()
    {
        var timings = new BuildTimings([
            new JobTiming("a.tar.gz", false, [At(WorkKind.Build, 0, 1.25), At(WorkKind.Compress, 1.25, 2)]),
            new JobTiming("b.tar.gz", true, [])]);

        var read = BuildTimings.Parse(timings.ToJson());

        Assert.Equal(timings.ToJson(), read.ToJson());
        Assert.Equal(timings.Busy, read.Busy);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData(
        """{"jobs":[{"archive":"a","from-cache":false,"work":["""
        + """{"kind":"sleep","start":"2026-01-01T00:00:00Z","end":"2026-01-01T00:00:01Z"}]}]}""")]
    public void Anything_else_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => BuildTimings.Parse(json));
    }
}
