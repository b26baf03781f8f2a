using System.Collections.Immutable;

namespace Distribution.Core.Sources;

/// <summary>
/// The refs of a repository as one <c>git for-each-ref --format=<see cref="Format"/></c> lists them: every ref with
/// the object it names (<see cref="Refs"/>: to compare with the origin and to tell what a fetch changed), and every tag
/// with the commit it points to, an annotated tag peeled to its target (<see cref="Tags"/>, by tag name).
/// </summary>
public sealed record MirrorRefs(ImmutableSortedDictionary<string, string> Refs, ImmutableSortedDictionary<string, string> Tags)
{
    /// <summary>
    /// The for-each-ref format <see cref="Parse"/> reads: the ref, its object, and for an annotated tag the object it points to.
    /// </summary>
    public const string Format = "%(refname) %(objectname) %(*objectname)";

    private const string TagPrefix = "refs/tags/";

    public static MirrorRefs Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// True when a branch points at <paramref name="commit"/> itself: then that branch contains it, and no walk is
    /// needed to know it (a tag made at a branch's head, as a release usually is).
    /// </summary>
    public bool IsBranchHead(string commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return Refs.Any(pair => pair.Key.StartsWith("refs/heads/", StringComparison.Ordinal)
            && string.Equals(pair.Value, commit, StringComparison.Ordinal));
    }

    /// <summary>Reads the output of <c>git for-each-ref --format=<see cref="Format"/></c> (ref names have no spaces).</summary>
    public static MirrorRefs Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var refs = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var tags = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                continue;
            }

            refs[parts[0]] = parts[1];
            if (parts[0].StartsWith(TagPrefix, StringComparison.Ordinal) && parts[0].Length > TagPrefix.Length)
            {
                tags[parts[0][TagPrefix.Length..]] = parts.Length >= 3 ? parts[2] : parts[1];
            }
        }

        return new MirrorRefs(refs.ToImmutable(), tags.ToImmutable());
    }
}
