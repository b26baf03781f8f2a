using Distribution.Core.Diagnostics;
using Distribution.Core.Packaging;

namespace Distribution.Adapters.Builds;

/// <summary>
/// Reads <c>packaging/NAME/recipe.toml</c> for the recipe folders a bundle needs; every problem in every file is reported at once.
/// </summary>
public static class RecipeLoader
{
    public const string FileName = "recipe.toml";

    /// <param name="packagingFolder">The <c>packaging/</c> folder.</param>
    /// <param name="names">The recipe folders to read (core, platform, workspace, extension).</param>
    /// <param name="display">How a path is shown in messages (relative to the repository).</param>
    public static Task<IReadOnlyDictionary<string, Recipe>> LoadAsync(
        string packagingFolder, IEnumerable<string> names, Func<string, string> display, CancellationToken cancellationToken) =>
        LoadAsync([packagingFolder], names, display, cancellationToken);

    /// <summary>
    /// Reads each recipe from the first of <paramref name="packagingFolders"/> that has it: <c>packaging/rust,packaging</c>
    /// builds the platform with <c>packaging/rust/platform/recipe.toml</c> and everything else with the shipped recipes.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Recipe>> LoadAsync(
        IReadOnlyList<string> packagingFolders,
        IEnumerable<string> names,
        Func<string, string> display,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(packagingFolders);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(display);
        var recipes = new Dictionary<string, Recipe>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var path = packagingFolders.Select(folder => Path.Combine(folder, name, FileName)).FirstOrDefault(File.Exists);
            if (path is null)
            {
                continue; // the planner reports the component without a recipe (PKG040)
            }

            try
            {
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
                recipes[name] = RecipeText.Parse(name, bytes, display(path));
            }
            catch (UserErrorException exception)
            {
                problems.AddRange(exception.Diagnostics);
            }
        }

        return problems.Count > 0 ? throw new UserErrorException(problems) : recipes;
    }
}
