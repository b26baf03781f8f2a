namespace Distribution.Core.Publishing;

/// <summary>The per-asset decisions of a GitHub release publish, kept pure so they are tested with plain values.</summary>
public static class ReleaseAssetPlanner
{
    public const string ConflictCode = "PUB023";

    /// <param name="local">The file's size and digest on disk.</param>
    /// <param name="remote">What the release has under the same name, or null.</param>
    public static ReleaseAssetAction Decide(FileDigest local, ReleaseAsset? remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (remote is null)
        {
            return ReleaseAssetAction.Upload;
        }

        if (!remote.IsComplete || remote.Size != local.Size)
        {
            return ReleaseAssetAction.ReplaceBroken;
        }

        return remote.Sha256 switch
        {
            null => ReleaseAssetAction.VerifyByDownload,
            var sha256 when sha256 == local.Sha256 => ReleaseAssetAction.Keep,
            _ => ReleaseAssetAction.Conflict,
        };
    }

    /// <summary>The one-line refusal for an asset whose bytes differ, naming the file and both digests.</summary>
    public static string ConflictMessage(string name, FileDigest local, string remoteSha256, string release) =>
        $"release '{release}' already has an asset '{name}' with other bytes: the release has sha256 {remoteSha256}, the bundle has sha256 {local.Sha256}";
}
