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

    public static SecretMasker FromEnvironment() =>
        new(SecretVariables.Known.Select(Environment.GetEnvironmentVariable).OfType<string>());

    public string Mask(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        }

        return text;
    }
}
