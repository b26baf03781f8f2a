namespace Distribution.Core.Publishing;

/// <summary>
/// An asset of a GitHub release as the API reports it: id, name, state (<c>uploaded</c> when complete; anything
/// else, such as <c>starter</c> or <c>open</c>, is an upload that never finished), size and digest
/// (<c>sha256:HEX</c>, or null when the server does not report one).
/// </summary>
public sealed record ReleaseAsset(long Id, string Name, string State, long Size, string? Digest)
{
    public const string UploadedState = "uploaded";

    public bool IsComplete => string.Equals(State, UploadedState, StringComparison.Ordinal);

    /// <summary>The hex SHA-256 of <see cref="Digest"/> when it is a sha256 digest; null otherwise.</summary>
    public string? Sha256 =>
        Digest is { } digest && digest.StartsWith("sha256:", StringComparison.Ordinal)
            ? digest["sha256:".Length..].ToLowerInvariant()
            : null;
}
