using System.Globalization;
using System.Text;

namespace Distribution.Core.Toml;

/// <summary>The spellings shared by the writer and the tagged JSON: floats, date-times, integers.</summary>
internal static class TomlFormatting
{
    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float as TOML writes it: nan, inf, -inf, or the shortest round-trip form with a '.' or exponent.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.AsSpan().IndexOfAny('.', 'e') >= 0 ? text : text + ".0";
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly time)
    {
        var text = new StringBuilder(16).Append(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        var fraction = time.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            text.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.ToString();
    }

    public static string LocalDateTime(DateTime value) => Date(DateOnly.FromDateTime(value)) + "T" + Time(TimeOnly.FromDateTime(value));

    public static string OffsetDateTime(DateTimeOffset value)
    {
        var offset = value.Offset;
        var suffix = offset == TimeSpan.Zero
            ? "Z"
            : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
        return LocalDateTime(value.DateTime) + suffix;
    }
}
