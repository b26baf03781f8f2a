using Distribution.Core.Packaging;

namespace Distribution.Core.Tests.Packaging;

public sealed class DeflateLevelTests
{
    [Fact]
    public void A_whole_level_deflates_every_chunk_at_that_level()
    {
        var six = DeflateLevel.Whole(6);

        Assert.True(six.IsWhole);
        Assert.All(Enumerable.Range(0, 40), index => Assert.Equal(6, six.LevelOfChunk(index)));
        Assert.Equal("6", six.ToString());
    }

    [Theory]
    [InlineData(21, "5.25", "5556555655565556")]
    [InlineData(22, "5.5", "5656565656565656")]
    [InlineData(23, "5.75", "5666566656665666")]
    [InlineData(35, "8.75", "8999899989998999")]
    public void A_quarter_step_raises_that_share_of_chunks_spread_evenly(int quarters, string text, string levels)
    {
        var level = DeflateLevel.FromQuarters(quarters);

        Assert.False(level.IsWhole);
        Assert.Equal(text, level.ToString());
        Assert.Equal(levels, string.Concat(Enumerable.Range(0, levels.Length).Select(index => level.LevelOfChunk(index))));
    }

    [Fact]
    public void Any_long_run_of_chunks_holds_the_level_share_to_within_one_chunk()
    {
        foreach (var quarters in Enumerable.Range(4, 33))
        {
            var level = DeflateLevel.FromQuarters(quarters);
            for (var start = 0; start < 12; start++)
            {
                var raised = Enumerable.Range(start, 97).Count(index => level.LevelOfChunk(index) > level.Lower);
                Assert.InRange(raised, (97 * level.Fraction / 4) - 1, (97 * level.Fraction / 4) + 1);
            }
        }
    }

    [Fact]
    public void The_level_of_a_chunk_depends_on_its_number_alone()
    {
        var level = DeflateLevel.FromQuarters(21);

        Assert.Equal(level.LevelOfChunk(1_000_003), level.LevelOfChunk(1_000_003));
        Assert.Equal(6, level.LevelOfChunk(long.MaxValue / 8 * 4 + 3));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(5.25, "5.25")]
    [InlineData(9.0, "9")]
    [InlineData(1.75, "1.75")]
    public void Numbers_in_quarter_steps_from_one_to_nine_are_levels(double number, string text) =>
        Assert.Equal(text, DeflateLevel.FromNumber(number)?.ToString());

    [Theory]
    [InlineData(0.75)]
    [InlineData(9.25)]
    [InlineData(5.3)]
    [InlineData(5.125)]
    [InlineData(-6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Other_numbers_are_not_levels(double number) => Assert.Null(DeflateLevel.FromNumber(number));

    [Fact]
    public void Levels_are_equal_by_value_and_checked_when_made()
    {
        Assert.Equal(DeflateLevel.Whole(9), DeflateLevel.Smallest);
        Assert.Equal(DeflateLevel.FromQuarters(22), DeflateLevel.FromNumber(5.5));
        Assert.NotEqual(DeflateLevel.Whole(5), DeflateLevel.FromQuarters(21));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflateLevel.Whole(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflateLevel.Whole(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflateLevel.FromQuarters(37));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflateLevel.FromQuarters(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeflateLevel.Whole(6).LevelOfChunk(-1));
    }
}
