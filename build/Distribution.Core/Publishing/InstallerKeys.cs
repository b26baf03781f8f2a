namespace Distribution.Core.Publishing;

/// <summary>
/// Puts the registry's public key into the installers as publish copies them (docs/publishing.md, "Signing"): each
/// installer holds one empty key line, which the published copy carries filled in; the repository's copies stay
/// empty (they then need <c>--public-key FILE</c>).
/// </summary>
public static class InstallerKeys
{
    /// <summary>The empty key line of each installer, exactly as it stands in installers/.</summary>
    public static IReadOnlyDictionary<string, string> EmptyKeyLines { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["install.sh"] = "    EMBEDDED_PUBLIC_KEY=''",
        ["install.nu"] = "const EMBEDDED_PUBLIC_KEY = ''",
        ["install.ps1"] = "$EmbeddedPublicKey = ''",
    };

    /// <summary>Whether <paramref name="text"/> is an installer with an empty key line to fill in.</summary>
    public static bool HasKeyLine(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmptyKeyLines.TryGetValue(name, out var line)
            && (text.StartsWith(line + "\n", StringComparison.Ordinal) || text.Contains("\n" + line + "\n", StringComparison.Ordinal));
    }

    /// <summary>
    /// The installer <paramref name="name"/> with <paramref name="publicKeyPem"/> (SPKI PEM) in its key line; other
    /// files are returned as they are.
    /// </summary>
    /// <exception cref="ArgumentException">A known installer has no empty key line, or the key is not a PEM public key.</exception>
    public static string Embed(string name, string text, string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        if (!EmptyKeyLines.TryGetValue(name, out var line))
        {
            return text;
        }

        var pem = publicKeyPem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!pem.StartsWith("-----BEGIN PUBLIC KEY-----\n", StringComparison.Ordinal)
            || !pem.EndsWith("\n-----END PUBLIC KEY-----", StringComparison.Ordinal)
            || pem.Any(character => character is '\'' or '"' or '#' or '\\' or '$' or '`'))
        {
            throw new ArgumentException("not a PEM public key", nameof(publicKeyPem));
        }

        var start = text.IndexOf(line + "\n", StringComparison.Ordinal);
        if (start < 0 || (start > 0 && text[start - 1] != '\n'))
        {
            throw new ArgumentException($"{name} has no line '{line}' to carry the registry's public key", nameof(text));
        }

        var filled = line[..^1] + pem + "'";
        return string.Concat(text.AsSpan(0, start), filled, text.AsSpan(start + line.Length));
    }
}
