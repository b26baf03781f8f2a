using Distribution.Core.Model;

namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// Which bundle a bundle's notes compare with: the newest earlier bundle of the same kind (stable after stable, LTS after LTS).
/// </summary>
public static class PreviousBundle
{
    /// <summary>
    /// The newest bundle of the same kind released before <paramref name="bundle"/> (custom bundles compare with
    /// the newest earlier stable one); null for the first of its kind. Bundles without a release date come after
    /// every dated one; ties are broken by id.
    /// </summary>
    public static BundleSpec? Find(IEnumerable<BundleSpec> bundles, BundleSpec bundle)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        ArgumentNullException.ThrowIfNull(bundle);
        var kind = bundle.Kind == BundleKind.Custom ? BundleKind.Stable : bundle.Kind;
        return bundles
            .Where(candidate => candidate.Kind == kind && candidate.Id != bundle.Id && IsBefore(candidate, bundle))
            .OrderBy(candidate => candidate.ReleaseDate ?? DateOnly.MaxValue)
            .ThenBy(candidate => candidate.Id, StringComparer.Ordinal)
            .LastOrDefault();
    }

    private static bool IsBefore(BundleSpec candidate, BundleSpec bundle) =>
        (candidate.ReleaseDate, bundle.ReleaseDate) switch
        {
            (null, _) => false,
            (_, null) => true,
            var (left, right) => left < right || (left == right && string.CompareOrdinal(candidate.Id, bundle.Id) < 0),
        };
}
