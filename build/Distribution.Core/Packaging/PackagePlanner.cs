using System.Collections.Immutable;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Packaging;

/// <summary>
/// Plans the archives of a bundle: every component × every target its recipe builds (limited to the requested
/// targets; noarch archives are always planned, so every CI shard makes them and assemble checks they agree).
/// Checks names and placeholders before anything runs.
/// </summary>
public static class PackagePlanner
{
    public static ImmutableArray<PackageJob> Plan(
        IEnumerable<ManifestComponent> components, IReadOnlyDictionary<string, Recipe> recipes, IReadOnlyCollection<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(recipes);
        var problems = new List<Diagnostic>();
        foreach (var target in targets ?? [])
        {
            if (!Recipe.KnownTargets.Contains(target) || target == Recipe.Noarch)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.UnknownTarget,
                    $"unknown target '{target}'",
                    $"use one or more of: {string.Join(", ", Recipe.KnownTargets.Where(known => known != Recipe.Noarch))} "
                        + "(noarch archives are always made)"));
            }
        }

        var jobs = ImmutableArray.CreateBuilder<PackageJob>();
        foreach (var component in components.OrderBy(component => component.Component))
        {
            var folder = Recipe.FolderFor(component.Component);
            if (!recipes.TryGetValue(folder, out var recipe))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.NoRecipe,
                    $"no recipe for {component.Component.Id}",
                    $"add packaging/{folder}/recipe.toml (docs/packaging-guide.md)"));
                continue;
            }

            var selected = recipe.IsNoarch || targets is null
                ? recipe.Targets
                : recipe.Targets.Where(target => targets.Contains(target.Name));
            if (!recipe.IsNoarch && targets is not null)
            {
                foreach (var missing in targets.Where(target => Recipe.KnownTargets.Contains(target)
                    && target != Recipe.Noarch
                    && recipe.FindTarget(target) is null))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.UnknownTarget,
                        $"{component.Component.Id} has no target '{missing}'",
                        $"add [targets.{missing}] to packaging/{folder}/recipe.toml or leave {missing} out of --targets",
                        recipe.Location));
                }
            }

            foreach (var target in selected)
            {
                var job = new PackageJob(component, recipe, target, string.Empty);
                try
                {
                    job = job with { ArchiveName = job.Expand(recipe.Archive, "/s", "/o") };
                    foreach (var text in recipe.Build.SelectMany(command => command)
                        .Concat(recipe.Layout.SelectMany(rule => new[] { rule.From, rule.To }))
                        .Concat(recipe.Environment.Values))
                    {
                        _ = job.Expand(text, "/s", "/o");
                    }

                    jobs.Add(job);
                }
                catch (FormatException exception)
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.UnknownPlaceholder,
                        exception.Message,
                        "use only the placeholders listed, or add the name under [targets.TARGET]",
                        recipe.Location));
                }
            }
        }

        var duplicates = jobs.GroupBy(job => job.ArchiveName, StringComparer.Ordinal).Where(group => group.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.DuplicateArchive,
                $"two archives would be named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(job => job.Display))})",
                "put {target} or {name} into the recipe's archive name"));
        }

        if (problems.Count > 0)
        {
            throw new UserErrorException(problems.Distinct());
        }

        return [.. jobs.OrderBy(job => job.ArchiveName, StringComparer.Ordinal)];
    }
}
