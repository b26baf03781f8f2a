using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Signing;

/// <summary>
/// Finds the key publish signs with: <c>PROVISIONING_SIGNING_KEY</c> (the PEM itself, a CI secret) or
/// <c>PROVISIONING_SIGNING_KEY_FILE</c> (a path), else the local development key in the cache folder, made on first
/// use. The previous key of a planned rotation comes from <c>PROVISIONING_PREVIOUS_SIGNING_KEY</c>(<c>_FILE</c>).
/// A configured private key is only ever read, never written anywhere.
/// </summary>
public static class SigningKeys
{
    public const string KeyVariable = "PROVISIONING_SIGNING_KEY";
    public const string KeyFileVariable = "PROVISIONING_SIGNING_KEY_FILE";
    public const string PreviousKeyVariable = "PROVISIONING_PREVIOUS_SIGNING_KEY";
    public const string PreviousKeyFileVariable = "PROVISIONING_PREVIOUS_SIGNING_KEY_FILE";

    /// <summary>Set to 1: publish signs the registry's current index.json although no key of this publish signed it (PUB034).</summary>
    public const string AdoptIndexVariable = "PROVISIONING_ADOPT_INDEX";

    /// <summary>The development key's file name under <c>CACHE/signing/</c>: says what it is wherever it is seen.</summary>
    public const string DevelopmentKeyName = "DEVELOPMENT-ONLY-signing-key.pem";

    public const string BadKeyCode = DiagnosticCodes.Publishing.BadSigningKey;

    /// <summary>
    /// The configured key, or the development key (created under <paramref name="cacheFolder"/> when absent; with
    /// <paramref name="dryRun"/> a throwaway one is made in memory instead, and nothing is written).
    /// </summary>
    public static async Task<SigningKey> ResolveAsync(
        Func<string, string?> environment,
        string cacheFolder,
        Action<string> log,
        bool dryRun,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(log);
        var configured = await ConfiguredAsync(environment, KeyVariable, KeyFileVariable, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(cacheFolder, "signing", DevelopmentKeyName);
        if (configured is not null)
        {
            // The development key given as the configured one (its file, or its text as the secret) is still that key.
            var file = environment(KeyFileVariable);
            if ((!string.IsNullOrEmpty(file) && Path.GetFileName(file) == DevelopmentKeyName)
                || (File.Exists(path) && Signatures.Fingerprint(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
                    == configured.Fingerprint))
            {
                var pem = configured.PrivateKeyPem();
                configured.Dispose();
                return SigningKey.FromPem(pem, string.IsNullOrEmpty(file) ? path : file, isDevelopment: true);
            }

            return configured;
        }

        if (dryRun && !File.Exists(path))
        {
            log($"dry run: would make a development signing key {path} (development only: publish refuses it for a release); "
                + "a throwaway key stands in for it");
            return SigningKey.Generate(path, isDevelopment: true);
        }

        if (!File.Exists(path))
        {
            using var made = SigningKey.Generate(path, isDevelopment: true);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllTextAsync(temporary, made.PrivateKeyPem(), cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
                log($"made a development signing key {path} "
                    + "(development only: publish refuses it for a release; see docs/publishing.md#signing)");
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process made it first: use theirs
            }
        }

        var key = SigningKey.FromPem(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), path, isDevelopment: true);
        log($"signing with the development key {path} (sha256 {key.Fingerprint[..16]}…; set {KeyVariable} to sign a release)");
        return key;
    }

    /// <summary>The file names keygen writes into its folder.</summary>
    public const string PrivateKeyFile = "signing-key.pem";

    public const string PublicKeyFile = "signing-key.pub.pem";

    /// <summary>
    /// keygen: a new key pair into <paramref name="folder"/> (<see cref="PrivateKeyFile"/>, mode 0600, and
    /// <see cref="PublicKeyFile"/>); existing files are never replaced. Returns the key's fingerprint.
    /// </summary>
    public static async Task<string> GenerateAsync(string folder, CancellationToken cancellationToken)
    {
        var privatePath = Path.Combine(folder, PrivateKeyFile);
        var publicPath = Path.Combine(folder, PublicKeyFile);
        foreach (var path in new[] { privatePath, publicPath }.Where(File.Exists))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.KeyGenRefused,
                $"'{path}' exists already; keygen never replaces a key",
                "choose another --output folder, or move the old key away first");
        }

        using var key = SigningKey.Generate(privatePath);
        Directory.CreateDirectory(folder);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(privatePath, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(key.PrivateKeyPem()), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(publicPath, key.PublicKeyPem, cancellationToken).ConfigureAwait(false);
        return key.Fingerprint;
    }

    /// <summary>The previous key of a planned rotation, or null when none is configured.</summary>
    public static Task<SigningKey?> PreviousAsync(Func<string, string?> environment, CancellationToken cancellationToken) =>
        ConfiguredAsync(environment, PreviousKeyVariable, PreviousKeyFileVariable, cancellationToken);

    private static async Task<SigningKey?> ConfiguredAsync(
        Func<string, string?> environment,
        string variable,
        string fileVariable,
        CancellationToken cancellationToken)
    {
        var pem = environment(variable);
        var file = environment(fileVariable);
        if (!string.IsNullOrEmpty(pem) && !string.IsNullOrEmpty(file))
        {
            throw UserErrorException.Of(BadKeyCode, $"both {variable} and {fileVariable} are set", $"set only one of them");
        }

        string source;
        if (!string.IsNullOrEmpty(file))
        {
            if (!File.Exists(file))
            {
                throw UserErrorException.Of(
                    BadKeyCode,
                    $"{fileVariable} names '{file}', which does not exist",
                    "point it at the PEM private key made by provisioning-dist keygen");
            }

            pem = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            source = $"{fileVariable} ({file})";
        }
        else if (!string.IsNullOrEmpty(pem))
        {
            source = variable;
        }
        else
        {
            return null;
        }

        try
        {
            return SigningKey.FromPem(pem, source);
        }
        catch (FormatException exception)
        {
            throw UserErrorException.Of(
                BadKeyCode,
                exception.Message,
                "set it to the PKCS#8 PEM private key made by provisioning-dist keygen (ECDSA P-256)");
        }
    }
}
