using System.Security.Cryptography;
using Distribution.Core.Model;

namespace Distribution.Adapters.Files;

/// <summary>Size and SHA-256 of files and streams.</summary>
public static class FileHasher
{
    public static async Task<FileDigest> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return await HashStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<FileDigest> HashStreamAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long size = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return new FileDigest(size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
