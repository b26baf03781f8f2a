using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Distribution.Core.Diagnostics;
using Distribution.Core.Toml;

namespace Distribution.Core.Packaging;

/// <summary>
/// Reads and checks a parsed <c>packaging/NAME/recipe.toml</c> (format: docs/packaging-guide.md). Every problem is
/// a PKG002/PKG003 diagnostic at the offending key; all of them are reported at once.
/// </summary>
public static class RecipeReader
{
    private static readonly string[] TopKeys = [
        "archive", "requires", "tool-versions", "env", "compression-level", "targets", "build", "layout", "install-hints"];

    /// <param name="name">The recipe folder (core, platform, workspace, extension).</param>
    /// <param name="text">The file's text (hashed into the cache key).</param>
    /// <param name="document">The parsed document.</param>
    /// <param name="file">The file name for diagnostics.</param>
    public static Recipe Read(string name, string text, TomlTable document, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<Diagnostic>();
        var at = SourceLocation.InFile(file);

        foreach (var entry in document.Entries.Where(entry => !TopKeys.Contains(entry.Key, StringComparer.Ordinal)))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.UnknownRecipeKey,
                $"unknown key '{entry.Key}' in a recipe",
                $"use one of: {string.Join(", ", TopKeys)}",
                Where(entry.KeyLocation, at)));
        }

        var archive = RequiredString(document, "archive", at, problems);
        var requires = StringList(document, "requires", at, problems);
        var toolVersions = Commands(document["tool-versions"], "tool-versions", at, problems, tables: false);
        var environment = StringTable(document["env"], "env", at, problems);
        var hints = StringTable(document["install-hints"], "install-hints", at, problems);
        DeflateLevel? level = null;
        if (document["compression-level"] is { } levelValue)
        {
            level = levelValue switch
            {
                TomlInteger { Value: >= 1 and <= 9 } integer => DeflateLevel.Whole((int)integer.Value),
                TomlFloat number => DeflateLevel.FromNumber(number.Value),
                _ => null,
            };
            if (level is null)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    "compression-level must be a level from 1 to 9 in quarter steps",
                    "write a whole level from 1 (fastest) to 9 (smallest) or a quarter step between two (5.25, 5.5, 5.75), or "
                        + "leave compression-level out for the default by content (docs/packaging-guide.md)",
                    Where(levelValue.Location, at)));
            }
        }

        var targets = ImmutableArray.CreateBuilder<RecipeTarget>();
        if (document["targets"] is TomlTable targetTable && targetTable.Count > 0)
        {
            foreach (var entry in targetTable.Entries)
            {
                if (!Recipe.KnownTargets.Contains(entry.Key))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.BadRecipe,
                        $"unknown target '{entry.Key}'",
                        $"use one of: {string.Join(", ", Recipe.KnownTargets)}",
                        Where(entry.KeyLocation, at)));
                    continue;
                }

                if (entry.Value is not TomlTable body)
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.BadRecipe,
                        $"targets.{entry.Key} must be a table",
                        $"write [targets.{entry.Key}] with its placeholders (rid = \"…\")",
                        Where(entry.KeyLocation, at)));
                    continue;
                }

                var variables = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                foreach (var variable in body.Entries.Where(item => item.Key != "requires"))
                {
                    if (variable.Value is TomlString value)
                    {
                        variables[variable.Key] = value.Value;
                    }
                    else
                    {
                        problems.Add(Diagnostic.Error(
                            DiagnosticCodes.Packaging.BadRecipe,
                            $"targets.{entry.Key}.{variable.Key} must be a string",
                            "placeholders are strings",
                            Where(variable.KeyLocation, at)));
                    }
                }

                targets.Add(new RecipeTarget(entry.Key, variables.ToImmutable(), StringList(body, "requires", at, problems)));
            }
        }
        else
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BadRecipe,
                "the recipe names no target",
                "add [targets.noarch] for a script-only component, or [targets.linux-x64] … for each platform",
                Where(document["targets"]?.Location, at)));
        }

        if (targets.Count > 1 && targets.Any(target => target.Name == Recipe.Noarch))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BadRecipe,
                "a recipe is either noarch or per platform, not both",
                "keep [targets.noarch] alone, or remove it",
                Where(document["targets"]?.Location, at)));
        }

        if (archive is not null)
        {
            if (!archive.EndsWith(".tar.gz", StringComparison.Ordinal)
                || !archive.Contains("{version}", StringComparison.Ordinal)
                || archive.Contains('/', StringComparison.Ordinal))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"archive '{archive}' must be a file name with {{version}} ending in .tar.gz",
                    "write archive = \"provisioning-NAME-{version}[-{target}].tar.gz\"",
                    Where(document["archive"]?.Location, at)));
            }
            else if (targets.Count > 1 && !archive.Contains("{target}", StringComparison.Ordinal))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"archive '{archive}' has no {{target}} but the recipe builds {targets.Count} targets",
                    "add -{target} to the archive name",
                    Where(document["archive"]?.Location, at)));
            }
        }

        if (document["install-hints"] is TomlTable hintTable)
        {
            var required = requires.Concat(targets.SelectMany(target => target.Requires)).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in hintTable.Entries.Where(entry => !required.Contains(entry.Key)))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"install-hints names '{entry.Key}', which no requires lists",
                    "give hints only for requirements of the recipe or its targets "
                        + $"({string.Join(", ", required.Order(StringComparer.Ordinal))})",
                    Where(entry.KeyLocation, at)));
            }
        }

        var build = Commands(document["build"], "build", at, problems, tables: true);
        var layout = ImmutableArray.CreateBuilder<LayoutRule>();
        if (document["layout"] is TomlArray { Count: > 0 } rules)
        {
            foreach (var item in rules.Items)
            {
                if (item is not TomlTable rule)
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.BadRecipe,
                        "layout must be an array of tables",
                        "write [[layout]] with from = \"…\" and to = \"…\"",
                        Where(item.Location, at)));
                    continue;
                }

                var from = RequiredString(rule, "from", at, problems);
                var to = RequiredString(rule, "to", at, problems);
                if (from is not null
                    && !from.StartsWith("{source}", StringComparison.Ordinal)
                    && !from.StartsWith("{output}", StringComparison.Ordinal))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.BadRecipe,
                        $"layout source '{from}' must start with {{source}} or {{output}}",
                        "write from = \"{source}/bin\" or \"{output}/publish\"",
                        Where(rule["from"]?.Location, at)));
                }

                if (to is not null && (to.StartsWith('/') || to.Split('/').Any(segment => segment is "." or "..")))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.BadRecipe,
                        $"layout destination '{to}' must be relative to the install prefix, without '.' or '..'",
                        "write to = \"bin\", \"lib/provisioning/…\" or \"share/provisioning/…\"",
                        Where(rule["to"]?.Location, at)));
                }

                var optional = rule["optional"] is TomlBoolean { Value: true };
                foreach (var key in rule.Keys.Where(key => key is not ("from" or "to" or "optional" or "exclude")))
                {
                    problems.Add(Diagnostic.Error(
                        DiagnosticCodes.Packaging.UnknownRecipeKey,
                        $"unknown key '{key}' in [[layout]]",
                        "use from, to, optional, exclude",
                        Where(rule.TryGetEntry(key, out var bad) ? bad.KeyLocation : null, at)));
                }

                layout.Add(new LayoutRule(
                    from ?? string.Empty, (to ?? string.Empty).Trim('/'), optional, StringList(rule, "exclude", at, problems)));
            }
        }
        else
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BadRecipe,
                "the recipe has no [[layout]]",
                "add [[layout]] tables mapping {source}/… or {output}/… onto bin/, lib/provisioning/, share/provisioning/",
                at));
        }

        if (problems.Count > 0)
        {
            throw new UserErrorException(problems.OrderBy(problem => problem.Location.Line).ThenBy(problem => problem.Location.Column));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal))));
        return new Recipe(
            name,
            at,
            hash,
            archive!,
            targets.ToImmutable(),
            requires,
            build,
            toolVersions,
            environment,
            layout.ToImmutable()) { CompressionLevel = level, InstallHints = hints };
    }

    private static SourceLocation Where(SourceLocation? location, SourceLocation fallback) =>
        location is { HasPosition: true } ? location : fallback;

    private static string? RequiredString(TomlTable table, string key, SourceLocation at, List<Diagnostic> problems)
    {
        switch (table[key])
        {
            case TomlString { Value.Length: > 0 } text:
                return text.Value;
            case null:
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe, $"'{key}' is missing", $"add {key} = \"…\"", Where(table.Location, at)));
                return null;
            case var other:
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"'{key}' must be a non-empty string",
                    $"write {key} = \"…\"",
                    Where(other.Location, at)));
                return null;
        }
    }

    private static ImmutableArray<string> StringList(TomlTable table, string key, SourceLocation at, List<Diagnostic> problems)
    {
        switch (table[key])
        {
            case null:
                return [];
            case TomlArray array when array.Items.All(item => item is TomlString):
                return [.. array.Items.Cast<TomlString>().Select(item => item.Value)];
            case var other:
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"'{key}' must be an array of strings",
                    $"write {key} = [\"…\"]",
                    Where(other.Location, at)));
                return [];
        }
    }

    private static ImmutableSortedDictionary<string, string> StringTable(
        TomlValue? value, string key, SourceLocation at, List<Diagnostic> problems)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (value is null)
        {
            return result.ToImmutable();
        }

        if (value is not TomlTable table)
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BadRecipe,
                $"'{key}' must be a table of strings",
                $"write [{key}] with NAME = \"value\" lines",
                Where(value.Location, at)));
            return result.ToImmutable();
        }

        foreach (var entry in table.Entries)
        {
            if (entry.Value is TomlString text)
            {
                result[entry.Key] = text.Value;
            }
            else
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"{key}.{entry.Key} must be a string",
                    "quote the value",
                    Where(entry.KeyLocation, at)));
            }
        }

        return result.ToImmutable();
    }

    // tool-versions = [["dotnet", "--version"]] (tables: false) or [[build]] run = [...] (tables: true).
    private static ImmutableArray<ImmutableArray<string>> Commands(
        TomlValue? value, string key, SourceLocation at, List<Diagnostic> problems, bool tables)
    {
        if (value is null)
        {
            return [];
        }

        var hint = tables
            ? $"write [[{key}]] tables with run = [\"program\", \"argument\", …]"
            : $"write {key} = [[\"program\", \"argument\", …]]";
        if (value is not TomlArray array)
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Packaging.BadRecipe, $"'{key}' must be an array", hint, Where(value.Location, at)));
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var item in array.Items)
        {
            var command = tables ? (item as TomlTable)?["run"] : item;
            if (tables && item is TomlTable table && table.Keys.Any(name => name != "run"))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.UnknownRecipeKey,
                    $"unknown key in [[{key}]]: {string.Join(", ", table.Keys.Where(name => name != "run"))}",
                    "a build step has only run = [...]",
                    Where(item.Location, at)));
            }

            if (command is TomlArray { Count: > 0 } argv && argv.Items.All(part => part is TomlString))
            {
                result.Add([.. argv.Items.Cast<TomlString>().Select(part => part.Value)]);
            }
            else
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Packaging.BadRecipe,
                    $"each entry of '{key}' must be a non-empty list of strings (program and arguments)",
                    hint,
                    Where(item.Location, at)));
            }
        }

        return result.ToImmutable();
    }
}
