using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Output;

/// <summary>Replaces known secret values (tokens from the environment) with *** in anything printed.</summary>
public sealed class SecretMasker
{
    private readonly ImmutableArray<string> secrets;

    public SecretMasker(IEnumerable<string> secrets)
    {
        this.secrets = [.. secrets.Where(secret => secret.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(secret => secret.Length)];
    }

    /// <summary>
    /// The secrets of the environment, each as set and trimmed (the programs send a token without its surrounding
    /// whitespace: GitHubToken); a multi-line secret (a PEM private key) also line by line.
    /// </summary>
    public static SecretMasker FromEnvironment() =>
        new(SecretVariables.Known.Select(Environment.GetEnvironmentVariable)
            .OfType<string>()
            .SelectMany(value => Parts(value).Append(value.Trim())));

    private static IEnumerable<string> Parts(string secret) =>
        secret.Contains('\n', StringComparison.Ordinal)
            ? [secret, .. secret.Split('\n').Select(line => line.Trim())
                .Where(line => line.Length >= 16 && !line.StartsWith("-----", StringComparison.Ordinal))]
            : [secret];

    public string Mask(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
