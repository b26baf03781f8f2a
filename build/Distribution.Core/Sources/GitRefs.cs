using System.Collections.Immutable;

namespace Distribution.Core.Sources;

/// <summary>
/// What a mirror holds of its origin: the origin's branches and tags as <c>git ls-remote --heads --tags --refs</c>
/// lists them, whether the mirror already has exactly those (then there is nothing to fetch), and how a fetch changed
/// the refs, in words (<c>new tag v1.2.0</c>, <c>moved tag v1.1.0</c>, <c>removed branch old</c>).
/// </summary>
public static class GitRefs
{
    private const string Heads = "refs/heads/";
    private const string Tags = "refs/tags/";

    /// <summary>
    /// Reads the output of <c>git ls-remote --heads --tags --refs</c> (<c>OBJECT TAB REF</c> per line) into ref → object,
    /// keeping only branches and tags; a peeled line (<c>REF^{}</c>) is skipped, as the mirror stores the tag object itself.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> ParseRemote(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var refs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                continue;
            }

            var name = line[(tab + 1)..].Trim();
            if (IsBranchOrTag(name) && !name.EndsWith("^{}", StringComparison.Ordinal))
            {
                refs[name] = line[..tab].Trim();
            }
        }

        return refs.ToImmutable();
    }

    /// <summary>True when a ref is a branch (<c>refs/heads/…</c>) or a tag (<c>refs/tags/…</c>): what a mirror fetches.</summary>
    public static bool IsBranchOrTag(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return (reference.StartsWith(Heads, StringComparison.Ordinal) && reference.Length > Heads.Length)
            || (reference.StartsWith(Tags, StringComparison.Ordinal) && reference.Length > Tags.Length);
    }

    /// <summary>
    /// True when the mirror's branches and tags are exactly the origin's, each naming the same object: a fetch of
    /// <c>+refs/heads/*</c> and <c>+refs/tags/*</c> with <c>--prune</c> would change nothing. Other refs of the mirror
    /// are not compared (a fetch does not touch them either).
    /// </summary>
    public static bool SameBranchesAndTags(IReadOnlyDictionary<string, string> mirror, IReadOnlyDictionary<string, string> origin)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(origin);
        var mine = mirror.Where(pair => IsBranchOrTag(pair.Key)).ToList();
        var theirs = origin.Where(pair => IsBranchOrTag(pair.Key)).ToList();
        return mine.Count == theirs.Count
            && mine.All(pair => origin.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
    }

    /// <summary>Every ref that differs between <paramref name="before"/> and <paramref name="after"/>, sorted by ref, in words.</summary>
    public static ImmutableArray<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return
        [
            .. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
                .Where(name => !string.Equals(before.GetValueOrDefault(name), after.GetValueOrDefault(name), StringComparison.Ordinal))
                .Select(name => (before.ContainsKey(name), after.ContainsKey(name)) switch
                {
                    (false, _) => $"new {Short(name)}",
                    (_, false) => $"removed {Short(name)}",
                    _ => $"moved {Short(name)}",
                }),
        ];
    }

    /// <summary>
    /// <c>refs/tags/v1.0.0</c> → <c>tag v1.0.0</c>, <c>refs/heads/main</c> → <c>branch main</c>; any other ref as it is.
    /// </summary>
    public static string Short(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.StartsWith(Tags, StringComparison.Ordinal) ? "tag " + reference[Tags.Length..]
            : reference.StartsWith(Heads, StringComparison.Ordinal) ? "branch " + reference[Heads.Length..]
            : reference;
    }
}
