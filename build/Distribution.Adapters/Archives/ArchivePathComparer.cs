namespace Distribution.Adapters.Archives;

/// <summary>
/// Orders archive paths segment by segment, ordinally: a folder comes right before what it holds (<c>bin</c>, <c>bin/a</c>, <c>bin-x</c>).
/// </summary>
public sealed class ArchivePathComparer : IComparer<string>
{
    public static ArchivePathComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var left = x.Split('/');
        var right = y.Split('/');
        for (var index = 0; index < Math.Min(left.Length, right.Length); index++)
        {
            var order = string.CompareOrdinal(left[index], right[index]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length.CompareTo(right.Length);
    }
}
