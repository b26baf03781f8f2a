namespace Distribution.Core.Publishing;

/// <summary>What to do about one file of a release, given what the release holds under its name.</summary>
public enum ReleaseAssetAction
{
    /// <summary>Nothing under that name: upload it.</summary>
    Upload,

    /// <summary>The same size and digest are there: nothing to do.</summary>
    Keep,

    /// <summary>The same size is there but no digest is reported: download it and compare the hash.</summary>
    VerifyByDownload,

    /// <summary>
    /// An upload that never finished (not in state <c>uploaded</c>, e.g. <c>starter</c>) is there: delete it, then upload.
    /// </summary>
    ReplaceBroken,

    /// <summary>
    /// A finished asset with other bytes (another size, or the same size
    /// and another digest) is there: refuse (published files never change).
    /// </summary>
    Conflict,
}
