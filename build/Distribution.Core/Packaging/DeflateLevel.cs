using System.Globalization;

namespace Distribution.Core.Packaging;

/// <summary>
/// A zlib-ng deflate level in quarter steps, from 1 to 9: a whole level (<c>6</c>) deflates every chunk of an archive at
/// that level; a level between two (<c>5.25</c>, <c>5.5</c>, <c>5.75</c>) deflates that share of the chunks at the
/// level above and the rest at the one below, spread evenly by chunk number (<see cref="LevelOfChunk"/>), so that its
/// size and speed fall between the two. zlib-ng's levels are steps (its level 5 searches 32 matches, 6 searches 128); a
/// quarter step is a finer setting made of them (zlib-ng itself has none), and like the whole levels it depends on nothing but the chunk's
/// place in the stream: the same input gives the same bytes on any machine and any number of threads.
/// </summary>
public sealed record DeflateLevel
{
    /// <summary>Quarter steps in a whole level.</summary>
    public const int Steps = 4;

    public static readonly DeflateLevel Fastest = Whole(1);

    public static readonly DeflateLevel Smallest = Whole(9);

    private DeflateLevel(int quarters) => Quarters = quarters;

    /// <summary>The level times four: 21 is 5.25.</summary>
    public int Quarters { get; }

    /// <summary>The whole level at or below this one: 5 for 5.25.</summary>
    public int Lower => Quarters / Steps;

    /// <summary>How many chunks in every four are deflated at <see cref="Lower"/> + 1: 1 for 5.25, 0 for a whole level.</summary>
    public int Fraction => Quarters % Steps;

    public bool IsWhole => Fraction == 0;

    /// <summary>The level as a number: 5.25.</summary>
    public double Number => (double)Quarters / Steps;

    /// <summary>Whole level 1 to 9.</summary>
    public static DeflateLevel Whole(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        return new DeflateLevel(level * Steps);
    }

    /// <summary>A level from its quarters, 4 (level 1) to 36 (level 9).</summary>
    public static DeflateLevel FromQuarters(int quarters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarters, Steps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarters, 9 * Steps);
        return new DeflateLevel(quarters);
    }

    /// <summary>The level <paramref name="value"/> names, when it is 1 to 9 in quarter steps; otherwise null.</summary>
    public static DeflateLevel? FromNumber(double value)
    {
        var quarters = value * Steps;
        return double.IsFinite(quarters) && quarters == Math.Floor(quarters) && quarters >= Steps && quarters <= 9 * Steps
            ? new DeflateLevel((int)quarters)
            : null;
    }

    /// <summary>
    /// The whole zlib-ng level of chunk <paramref name="index"/> (0 for the first): <see cref="Lower"/> + 1 for
    /// <see cref="Fraction"/> chunks in every four, spread evenly (for 5.25: chunks 3, 7, 11, …), else <see cref="Lower"/>.
    /// </summary>
    public int LevelOfChunk(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var place = (int)(index % Steps);
        var raised = ((place + 1) * Fraction / Steps) > (place * Fraction / Steps);
        return raised ? Lower + 1 : Lower;
    }

    /// <summary>As written in a recipe and a report: <c>6</c>, <c>5.25</c>, <c>5.5</c>, <c>5.75</c>.</summary>
    public override string ToString() => Number.ToString(CultureInfo.InvariantCulture);
}
