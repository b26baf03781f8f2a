using Distribution.Core.Contract;

namespace Distribution.Core.Publishing;

/// <summary>
/// When a publish writes (and signs) the index again although no file changed: the index is not signed by this key
/// yet, it has no expiry, or less than half of its validity is left. Every index written gets a new serial and an
/// expiry <c>validDays</c> after today (UTC midnight), so installers can refuse a replayed or frozen index.
/// </summary>
public static class IndexRenewal
{
    public const int DefaultValidDays = 180;

    /// <param name="current">The registry's index now.</param>
    /// <param name="planned">The planner's next index (same serial when no file changed).</param>
    /// <param name="signedByThisKey">Whether the current index.json.sig verifies with the key of this publish.</param>
    /// <param name="now">The time of the publish.</param>
    /// <param name="validDays">How long an index is valid.</param>
    public static RegistryIndex Next(RegistryIndex current, RegistryIndex planned, bool signedByThisKey, DateTimeOffset now, int validDays)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentOutOfRangeException.ThrowIfLessThan(validDays, 1);
        var changed = planned.Serial != current.Serial;
        var renew = changed || !signedByThisKey || current.Expires is not { } expires || (expires - now).TotalDays < validDays / 2.0;
        var expiry = new DateTimeOffset(now.UtcDateTime.Date.AddDays(validDays), TimeSpan.Zero);
        return renew ? planned with { Serial = current.Serial + 1, Expires = expiry } : planned;
    }
}
