using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Packaging;

/// <summary>
/// How one kind of component is built and packed: <c>packaging/NAME/recipe.toml</c> (docs/packaging-guide.md).
/// <see cref="Name"/> is the folder: <c>core</c>, <c>platform</c>, <c>workspace</c>, or <c>extension</c> (one recipe
/// for every extension). <see cref="ContentHash"/> is the SHA-256 of the file's text: part of every cache key.
/// </summary>
/// <param name="Archive">The archive's file name pattern: <c>provisioning-platform-{version}-{target}.tar.gz</c>.</param>
/// <param name="Requires">What the host needs for every target: program names on PATH
/// (<c>dotnet</c>) or <c>os:linux</c>/<c>os:darwin</c>/<c>os:windows</c>.</param>
/// <param name="Build">The build commands, run in order in a private copy of the
/// source (argv lists, placeholders allowed; never through a shell).</param>
/// <param name="ToolVersions">Commands whose output names the tool versions (<c>dotnet --version</c>): part of the cache key.</param>
/// <param name="Environment">Environment variables for the build commands.</param>
public sealed record Recipe(
    string Name,
    SourceLocation Location,
    string ContentHash,
    string Archive,
    ImmutableArray<RecipeTarget> Targets,
    ImmutableArray<string> Requires,
    ImmutableArray<ImmutableArray<string>> Build,
    ImmutableArray<ImmutableArray<string>> ToolVersions,
    ImmutableSortedDictionary<string, string> Environment,
    ImmutableArray<LayoutRule> Layout)
{
    public const string Noarch = "noarch";

    /// <summary>
    /// <c>compression-level</c>, 1 to 9 in quarter steps (<see cref="DeflateLevel"/>), for zlib-ng as .NET ships it; null
    /// when the recipe names none: then each archive gets <see cref="CompressionDefaults"/>' level for what it holds (8.25 for
    /// compiled binaries, 5.25 for the rest).
    /// </summary>
    public DeflateLevel? CompressionLevel { get; init; }

    /// <summary>
    /// <c>[install-hints]</c>: for a requirement (a key of <c>requires</c>: <c>aarch64-linux-gnu-gcc</c>,
    /// <c>rust-std:aarch64-unknown-linux-gnu</c>, <c>os:darwin</c>), how to get it; PKG011 says it when it is missing.
    /// </summary>
    public ImmutableSortedDictionary<string, string> InstallHints { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public const string ExtensionRecipe = "extension";

    /// <summary>The targets every platform-specific recipe may name.</summary>
    public static ImmutableArray<string> KnownTargets { get; } = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", Noarch];

    public bool IsNoarch => Targets.Length == 1 && Targets[0].Name == Noarch;

    /// <summary>The recipe folder for a component: its id, or <c>extension</c> for every <c>ext-NAME</c>.</summary>
    public static string FolderFor(ComponentId component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Kind == ComponentKind.Extension ? ExtensionRecipe : component.Id;
    }

    public RecipeTarget? FindTarget(string target) => Targets.FirstOrDefault(item => item.Name == target);

    public bool Equals(Recipe? other) => other is not null && Name == other.Name && ContentHash == other.ContentHash;

    public override int GetHashCode() => HashCode.Combine(Name, ContentHash);
}
