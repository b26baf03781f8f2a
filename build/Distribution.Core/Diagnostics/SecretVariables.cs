using System.Collections.Immutable;

namespace Distribution.Core.Diagnostics;

/// <summary>
/// The environment variables that hold secrets: the ones this program reads (<see cref="Known"/>, masked in all
/// output) and, for the code of component repositories that runs in build steps, every variable whose name says it
/// holds a secret or whose value contains a known secret (<see cref="IsSecret"/>). A deny-list, deliberately: the
/// toolchains a recipe runs need the rest of the environment (PATH, HOME, SDK and cache locations, proxies), which
/// differs from one machine to the next.
/// </summary>
public static class SecretVariables
{
    /// <summary>The secrets this program itself reads; their values are masked in everything it prints.</summary>
    public static ImmutableArray<string> Known { get; } =
        ["GITHUB_TOKEN", "GH_TOKEN", "PROVISIONING_REGISTRY_TOKEN", "PROVISIONING_SIGNING_KEY", "PROVISIONING_PREVIOUS_SIGNING_KEY"];

    /// <summary>Parts of a name that mark a secret (ACTIONS_RUNTIME_TOKEN, NPM_TOKEN, AWS_SECRET_ACCESS_KEY, …).</summary>
    public static ImmutableArray<string> NameParts { get; } =
        ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE_KEY", "API_KEY", "ACCESS_KEY", "SSH_AUTH_SOCK"];

    /// <summary>
    /// True when a build step must not see the variable: a <see cref="Known"/> one, a name containing one of
    /// <see cref="NameParts"/> (any case), or a value containing one of <paramref name="knownSecretValues"/>
    /// (values shorter than 4 characters are ignored, as the masker ignores them).
    /// </summary>
    public static bool IsSecret(string name, string? value, IEnumerable<string> knownSecretValues)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(knownSecretValues);
        return Known.Contains(name, StringComparer.OrdinalIgnoreCase)
            || NameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
            || (value is not null
                && knownSecretValues.Any(secret => secret.Length >= 4 && value.Contains(secret, StringComparison.Ordinal)));
    }
}
