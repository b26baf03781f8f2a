using System.Collections.Immutable;
using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>
/// The channels and the bundles they point at: <c>stable</c> the newest bundle of kind stable, <c>lts</c> the newest
/// of kind lts, newest by release date and then by id; <c>custom</c> bundles move no channel. The registry's
/// index.json and <c>validate --format=json</c> (the nightly job's "current LTS") use this one rule.
/// </summary>
public static class BundleChannels
{
    /// <summary>The channel names with the bundle kind each follows.</summary>
    public static ImmutableArray<(string Channel, BundleKind Kind)> All { get; } = [("stable", BundleKind.Stable), ("lts", BundleKind.Lts)];

    /// <summary>The newest of <paramref name="kind"/>: by release date (undated first), then by id; null when none.</summary>
    public static T? Newest<T>(
        IEnumerable<T> bundles, BundleKind kind, Func<T, string> id, Func<T, BundleKind> kindOf, Func<T, DateOnly?> releaseDate)
        where T : class =>
        bundles.Where(bundle => kindOf(bundle) == kind)
            .OrderByDescending(bundle => releaseDate(bundle) ?? DateOnly.MinValue)
            .ThenByDescending(id, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Every channel that has a bundle, with that bundle's id (sorted by channel name).</summary>
    public static ImmutableSortedDictionary<string, string> Of<T>(
        IEnumerable<T> bundles, Func<T, string> id, Func<T, BundleKind> kindOf, Func<T, DateOnly?> releaseDate)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(bundles);
        var list = bundles.ToList();
        var channels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (channel, kind) in All)
        {
            if (Newest(list, kind, id, kindOf, releaseDate) is { } newest)
            {
                channels[channel] = id(newest);
            }
        }

        return channels.ToImmutable();
    }
}
