using System.Collections;
using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Adapters.Processes;

/// <summary>
/// The environment changes that keep secrets from code this program runs but does not own (the build steps of
/// component repositories and the tool probes of their recipes): every variable of this process that
/// <see cref="SecretVariables.IsSecret"/> names is removed (mapped to null for <see cref="ProcessSpec.Environment"/>).
/// </summary>
public static class ScrubbedEnvironment
{
    public static ImmutableDictionary<string, string?> Removals() => Removals(Environment.GetEnvironmentVariables());

    public static ImmutableDictionary<string, string?> Removals(IDictionary variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var pairs = variables.Cast<DictionaryEntry>().Select(entry => ((string)entry.Key, entry.Value as string)).ToList();
        var secrets = pairs.Where(pair => SecretVariables.Known.Contains(pair.Item1, StringComparer.OrdinalIgnoreCase))
            .Select(pair => pair.Item2).OfType<string>().Select(value => value.Trim()).ToList();
        return pairs.Where(pair => SecretVariables.IsSecret(pair.Item1, pair.Item2, secrets))
            .ToImmutableDictionary(pair => pair.Item1, _ => (string?)null, StringComparer.Ordinal);
    }
}
