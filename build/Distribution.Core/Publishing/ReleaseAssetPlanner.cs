using System.Globalization;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>The per-asset decisions of a GitHub release publish, kept pure so they are tested with plain values.</summary>
public static class ReleaseAssetPlanner
{
    public const string ConflictCode = DiagnosticCodes.Publishing.ReleaseAssetConflict;

    /// <summary>
    /// Only an upload that never finished (state other than <c>uploaded</c>) is ever deleted. A finished asset is
    /// kept when its size and digest match, and refused otherwise — another size included: published files never
    /// change, and a finished asset of another size is not a broken upload but other bytes.
    /// </summary>
    /// <param name="local">The file's size and digest on disk.</param>
    /// <param name="remote">What the release has under the same name, or null.</param>
    public static ReleaseAssetAction Decide(FileDigest local, ReleaseAsset? remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (remote is null)
        {
            return ReleaseAssetAction.Upload;
        }

        if (!remote.IsComplete)
        {
            return ReleaseAssetAction.ReplaceBroken;
        }

        if (remote.Size != local.Size)
        {
            return ReleaseAssetAction.Conflict;
        }

        return remote.Sha256 switch
        {
            null => ReleaseAssetAction.VerifyByDownload,
            var sha256 when sha256 == local.Sha256 => ReleaseAssetAction.Keep,
            _ => ReleaseAssetAction.Conflict,
        };
    }

    /// <summary>The one-line refusal for an asset whose bytes differ, naming the file and both digests and sizes.</summary>
    public static string ConflictMessage(string name, FileDigest local, FileDigest remote, string release)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        return $"release '{release}' already has an asset '{name}' with other bytes: the release has sha256 "
            + $"{remote.Sha256} ({remote.Size.ToString(CultureInfo.InvariantCulture)} bytes), the bundle "
            + $"has sha256 {local.Sha256} ({local.Size.ToString(CultureInfo.InvariantCulture)} bytes)";
    }
}
