using Distribution.Adapters.Signing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// The signing keys of the installer tests, made once per test run: <see cref="Registry"/> signs every synthetic
/// registry (and is the key the tests give the installers), <see cref="Stranger"/> is a key nobody trusts.
/// </summary>
internal static class TestKeys
{
    public static SigningKey Registry { get; } = SigningKey.Generate("test registry key");

    public static SigningKey Stranger { get; } = SigningKey.Generate("a stranger's key");

    /// <summary>Writes <paramref name="key"/>'s public key (PEM) to <paramref name="path"/> and returns the path.</summary>
    public static string WritePublicKey(SigningKey key, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key.PublicKeyPem);
        return path;
    }
}
