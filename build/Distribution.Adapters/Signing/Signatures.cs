using System.Security.Cryptography;

namespace Distribution.Adapters.Signing;

/// <summary>Checks detached DER ECDSA P-256 / SHA-256 signatures against a public key in SPKI PEM.</summary>
public static class Signatures
{
    public static bool Verify(string publicKeyPem, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The SHA-256 of a PEM public key's DER (SPKI), lower-case hex; null when the text is no public key.</summary>
    public static string? Fingerprint(string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            return null;
        }
    }
}
