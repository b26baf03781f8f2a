using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Distribution.Core.Contract;

namespace Distribution.Core.Packaging;

/// <summary>
/// One archive to make: a component at its locked version, built by a recipe for one target, named
/// <see cref="ArchiveName"/>. Placeholders in the recipe's commands and layout are expanded with
/// <see cref="Expand"/>: <c>{component}</c>, <c>{name}</c>, <c>{version}</c>, <c>{target}</c>, <c>{source}</c>,
/// <c>{output}</c> and the target's own (<c>{rid}</c>…).
/// </summary>
public sealed record PackageJob(ManifestComponent Component, Recipe Recipe, RecipeTarget Target, string ArchiveName)
{
    /// <summary>
    /// Bumped whenever the archive writer's output changes (its format, or a level of <see cref="CompressionDefaults"/>,
    /// which <c>level=auto</c> in the key stands for), so cached archives are not reused across it.
    /// </summary>
    public const int ArchiverVersion = 5;

    public string Display => $"{Component.Component.Id} {Target.Name}";

    public ImmutableArray<ImmutableArray<string>> Commands(string source, string output) =>
        [.. Recipe.Build.Select(command => command.Select(part => Expand(part, source, output)).ToImmutableArray())];

    public ImmutableSortedDictionary<string, string> Variables(string source, string output)
    {
        var variables = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Target.Variables)
        {
            variables[key] = value;
        }

        variables["component"] = Component.Component.Id;
        variables["name"] = Component.Component.Name;
        variables["version"] = Component.Version.ToNormalizedString();
        variables["target"] = Target.Name;
        variables["source"] = source;
        variables["output"] = output;
        return variables.ToImmutable();
    }

    /// <summary>Replaces every <c>{placeholder}</c>; throws <see cref="FormatException"/> naming an unknown one.</summary>
    public string Expand(string text, string source, string output) => Expand(text, Variables(source, output));

    /// <summary>
    /// Replaces <c>{name}</c> where name is a placeholder identifier (letters, digits, '-', '_'); any other brace is
    /// kept as written, so shell snippets such as <c>{ echo; }</c> pass through.
    /// </summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        var result = new StringBuilder(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            var open = text.IndexOf('{', index);
            if (open < 0)
            {
                result.Append(text, index, text.Length - index);
                break;
            }

            var end = open + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_'))
            {
                end++;
            }

            if (end == open + 1 || end >= text.Length || text[end] != '}')
            {
                result.Append(text, index, open + 1 - index);
                index = open + 1;
                continue;
            }

            var name = text[(open + 1)..end];
            if (!variables.TryGetValue(name, out var value))
            {
                throw new FormatException($"'{text}' uses the unknown placeholder {{{name}}} (known: "
                    + $"{string.Join(", ", variables.Keys.Select(key => "{" + key + "}"))})");
            }

            result.Append(text, index, open - index).Append(value);
            index = end + 1;
        }

        return result.ToString();
    }

    /// <summary>
    /// The build cache key: commit, tree, recipe hash, target, archive name, gzip level, archive timestamp, tool
    /// versions (the builder adds the .NET runtime, whose zlib-ng compresses) and
    /// the archiver version, hashed. The same key means the same archive bytes.
    /// </summary>
    public string CacheKey(IReadOnlyDictionary<string, string> toolVersions, long modifiedEpoch)
    {
        ArgumentNullException.ThrowIfNull(toolVersions);
        var text = new StringBuilder()
            .Append("provisioning-dist package\n")
            .Append("archiver=").Append(ArchiverVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("component=").Append(Component.Component.Id).Append('\n')
            .Append("version=").Append(Component.Version.ToNormalizedString()).Append('\n')
            .Append("commit=").Append(Component.Commit).Append('\n')
            .Append("tree=").Append(Component.Tree).Append('\n')
            .Append("recipe=").Append(Recipe.Name).Append(' ').Append(Recipe.ContentHash).Append('\n')
            .Append("target=").Append(Target.Name).Append('\n')
            .Append("archive=").Append(ArchiveName).Append('\n')
            .Append("level=").Append(Recipe.CompressionLevel?.ToString() ?? "auto").Append('\n')
            .Append("mtime=").Append(modifiedEpoch.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (tool, version) in toolVersions.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("tool ").Append(tool).Append('=').Append(version.Trim()).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
