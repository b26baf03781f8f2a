using Distribution.Core.Packaging;
using Distribution.DevTools.Benchmarks;

namespace Distribution.Core.Tests.Benchmarks;

public sealed class CurveLevelsTests
{
    [Theory]
    [InlineData(21, "1 2 3 4 4.25 4.5 4.75 5 5.25 5.5 5.75 6 7 8 9")]
    [InlineData(20, "1 2 3 4 4.25 4.5 4.75 5 5.25 5.5 5.75 6 7 8 9")]
    [InlineData(24, "1 2 3 4 5 5.25 5.5 5.75 6 6.25 6.5 6.75 7 8 9")]
    [InlineData(36, "1 2 3 4 5 6 7 8 8.25 8.5 8.75 9")]
    [InlineData(4, "1 1.25 1.5 1.75 2 3 4 5 6 7 8 9")]
    public void The_curve_has_every_whole_level_and_the_quarter_steps_around_the_choice(int quarters, string levels) =>
        Assert.Equal(levels, string.Join(' ', BenchmarkRunner.CurveLevels(DeflateLevel.FromQuarters(quarters))));
}
