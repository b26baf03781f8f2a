using Distribution.Core.ReleaseNotes;

namespace Distribution.Core.Tests.ReleaseNotes;

/// <summary>Hand-made commit records: hashes derived from a counter, a fixed date per commit.</summary>
internal static class CommitSamples
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CommitRecord Commit(int number, string message, string author = "Ann Example", int parents = 1) =>
        new(
            Sha(number),
            [.. Enumerable.Range(1, parents).Select(parent => Sha(1000 * parent + number))],
            author,
            author.Replace(' ', '.').ToLowerInvariant() + "@example.com",
            author,
            Start.AddDays(number),
            message);

    public static string Sha(int number) => number.ToString("x7", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 33);
}
