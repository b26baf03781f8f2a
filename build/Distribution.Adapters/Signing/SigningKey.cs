using System.Security.Cryptography;

namespace Distribution.Adapters.Signing;

/// <summary>
/// An ECDSA P-256 signing key (PEM: PKCS#8 private, SPKI public). Signatures are DER (RFC 3279) over SHA-256, the
/// format <c>openssl dgst -sha256 -verify KEY -signature SIG FILE</c> reads (docs/publishing.md, "Signing").
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa key;

    private SigningKey(ECDsa key, string source, bool isDevelopment)
    {
        this.key = key;
        Source = source;
        IsDevelopment = isDevelopment;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem() + "\n";
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Where the key came from, for messages (a variable's name or a file's path; never the key).</summary>
    public string Source { get; }

    /// <summary>The local development key (made on first use); never signs a release.</summary>
    public bool IsDevelopment { get; }

    /// <summary>The public key as SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>), ending in a newline.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The SHA-256 of the public key's DER (SPKI), lower-case hex: how messages and docs name a key.</summary>
    public string Fingerprint { get; }

    /// <summary>A new P-256 key pair.</summary>
    public static SigningKey Generate(string source, bool isDevelopment = false) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256), source, isDevelopment);

    /// <summary>Reads a PEM private key (PKCS#8 or SEC1 EC); a key that is not ECDSA P-256 is refused.</summary>
    /// <exception cref="FormatException">The text is no P-256 private key (the message never holds the text).</exception>
    public static SigningKey FromPem(string pem, string source, bool isDevelopment = false)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            var parameters = key.ExportParameters(includePrivateParameters: true);
            if (parameters.D is null || key.KeySize != 256 || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new FormatException($"{source} is not an ECDSA P-256 private key");
            }

            return new SigningKey(key, source, isDevelopment);
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException($"{source} holds no PEM ECDSA P-256 private key (PKCS#8 '-----BEGIN PRIVATE KEY-----')", exception);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 PEM (for keygen only; the pipeline never writes it).</summary>
    public string PrivateKeyPem() => key.ExportPkcs8PrivateKeyPem() + "\n";

    /// <summary>A detached DER ECDSA signature over SHA-256 of <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>Whether <paramref name="signature"/> (DER) is this key's signature of <paramref name="data"/>.</summary>
    public bool Verifies(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => Signatures.Verify(PublicKeyPem, data, signature);

    public void Dispose() => key.Dispose();
}
