using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// Reads versions.toml into a <see cref="VersionsDocument"/>, reporting every structural problem at once:
/// syntax, unknown keys (with the nearest known one), wrong types, missing keys, versions that are not
/// canonical SemVer, requirements that do not parse, dates that are not dates, malformed extensions, and
/// dotted names written without quotes. Semantic checks are <see cref="VersionsValidator"/>'s.
/// </summary>
public static partial class VersionsReader
{
    private static readonly string[] RootKeys = ["components", "compatibility", "bundles"];
    private static readonly string[] ComponentKinds = ["core", "platform", "workspace", "extensions"];
    private static readonly string[] SourceKeys = ["repository", "tag", "web-url"];
    private static readonly string[] ExtensionSourceKeys = ["repository", "tag", "path", "names", "web-url"];
    private static readonly string[] MatrixKinds = ["core", "platform"];
    private static readonly string[] CoreEntryKeys = ["platform", "workspace", "extensions"];
    private static readonly string[] PlatformEntryKeys = ["core", "min-core"];
    private static readonly string[] BundleKeys = ["name", "release-date", "lts-until", "core", "platform", "workspace", "extensions"];

    /// <summary>Parses <paramref name="text"/> (tolerantly, so that syntax errors and the rest are all reported) and reads it.</summary>
    public static VersionsReadResult Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var parsed = TomlParser.ParseTolerant(text, file);
        var syntax = parsed.Diagnostics.Select(diagnostic => diagnostic with
        {
            Code = DiagnosticCodes.Versions.Syntax,
            Message = $"invalid TOML: {diagnostic.Message}",
            Fix = diagnostic.Fix.Length > 0 ? diagnostic.Fix : "fix the syntax; see docs/versions-toml.md",
        });
        var read = FromTable(parsed.Document, file);

        // A line the parser could not read may be the one holding a key: after a syntax error, "missing key"
        // would only repeat it.
        var structural = parsed.Diagnostics.IsEmpty
            ? read.Diagnostics
            : [.. read.Diagnostics.Where(diagnostic => diagnostic.Code != DiagnosticCodes.Versions.MissingKey)];
        return read with { Diagnostics = [.. syntax, .. structural] };
    }

    /// <summary>Reads an already parsed document.</summary>
    public static VersionsReadResult FromTable(TomlTable root, string file)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(file);
        var reader = new Reader(file);
        var document = reader.Document(root);
        return new VersionsReadResult(document, [.. reader.Diagnostics]);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BundleIdPattern();

    private sealed class Reader(string file)
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        public VersionsDocument Document(TomlTable root)
        {
            CheckKeys(root, RootKeys, string.Empty);
            var sources = ImmutableDictionary.CreateBuilder<ComponentKind, ComponentSource>();
            var names = ImmutableArray<string>.Empty;
            var hasComponents = root.TryGetEntry("components", out var componentsEntry);
            if (!hasComponents)
            {
                Diagnostics.Add(Diagnostic.Warning(
                    DiagnosticCodes.Versions.NoComponents,
                    "versions.toml has no [components] table: the components' repositories are unknown and extension names are not checked",
                    "add [components.core], [components.platform], [components.workspace] "
                        + "and [components.extensions] (see docs/versions-toml.md)",
                    At(root.Location)));
            }
            else if (Table(componentsEntry!, "components") is { } components)
            {
                CheckKeys(components, ComponentKinds, "components.");
                foreach (var kindKey in ComponentKinds)
                {
                    if (!components.TryGetEntry(kindKey, out var entry))
                    {
                        Missing(
                            components,
                            "components",
                            $"[components.{kindKey}]",
                            $"add a [components.{kindKey}] table with repository and tag");
                        continue;
                    }

                    var kind = KindOf(kindKey);
                    if (Table(entry, $"components.{kindKey}") is { } table
                        && Source(kind, table, $"components.{kindKey}") is var (source, sourceNames)
                        && source is not null)
                    {
                        sources[kind] = source;
                        if (kind == ComponentKind.Extension)
                        {
                            names = sourceNames;
                        }
                    }
                }
            }

            var matrix = ImmutableArray.CreateBuilder<CompatibilityEntry>();
            var matrixSeen = new Dictionary<(ComponentKind Kind, NuGetVersion Version), CompatibilityEntry>();
            if (root.TryGetEntry("compatibility", out var compatibilityEntry)
                && Table(compatibilityEntry, "compatibility") is { } compatibility)
            {
                CheckKeys(compatibility, MatrixKinds, "compatibility.");
                foreach (var kindKey in MatrixKinds)
                {
                    if (compatibility.TryGetEntry(kindKey, out var kindEntry)
                        && Table(kindEntry, $"compatibility.{kindKey}") is { } entries)
                    {
                        foreach (var (key, keyLocation, value) in Flatten(
                            entries, IsMatrixLeaf, "compatibility." + kindKey, quotedExample: name => $"\"{name}\" = {{ … }}"))
                        {
                            if (MatrixEntry(KindOf(kindKey), key, keyLocation, value) is { } matrixEntry)
                            {
                                if (!matrixSeen.TryAdd((matrixEntry.Kind, matrixEntry.Version), matrixEntry))
                                {
                                    var first = matrixSeen[(matrixEntry.Kind, matrixEntry.Version)];
                                    Diagnostics.Add(Diagnostic.Error(
                                        DiagnosticCodes.Versions.DuplicateMatrixEntry,
                                        $"compatibility.{kindKey}.\"{key}\" is the same version as {first.Describe()}",
                                        "keep one entry per version (build metadata after '+' does not make a version different)",
                                        keyLocation));
                                    continue;
                                }

                                matrix.Add(matrixEntry);
                            }
                        }
                    }
                }
            }

            var bundles = ImmutableArray.CreateBuilder<VersionsBundle>();
            var bundlesSeen = new Dictionary<string, VersionsBundle>(StringComparer.Ordinal);
            if (root.TryGetEntry("bundles", out var bundlesEntry) && Table(bundlesEntry, "bundles") is { } bundleTables)
            {
                foreach (var (id, keyLocation, value) in Flatten(
                    bundleTables, IsBundleLeaf, "bundles", quotedExample: name => $"[bundles.\"{name}\"]"))
                {
                    if (Bundle(id, keyLocation, value) is { } bundle)
                    {
                        if (!bundlesSeen.TryAdd(bundle.Id, bundle))
                        {
                            var first = bundlesSeen[bundle.Id];
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.DuplicateBundleId,
                                $"bundle {bundle.Id} is defined twice (first at line "
                                    + $"{first.Location.Line.ToString(CultureInfo.InvariantCulture)})",
                                "keep one definition; released bundles are never redefined",
                                bundle.Location));
                            continue;
                        }

                        bundles.Add(bundle);
                    }
                }
            }

            return new VersionsDocument(file, sources.ToImmutable(), names, hasComponents, matrix.ToImmutable(), bundles.ToImmutable());
        }

        private (ComponentSource? Source, ImmutableArray<string> Names) Source(ComponentKind kind, TomlTable table, string path)
        {
            var isExtensions = kind == ComponentKind.Extension;
            CheckKeys(table, isExtensions ? ExtensionSourceKeys : SourceKeys, path + ".");
            var repository = RequiredString(table, "repository", path, "write where the repository lives: a URL, a path, or sample:NAME");
            var tag = RequiredString(
                table,
                "tag",
                path,
                isExtensions ? "write the tag pattern, such as \"{name}/v{version}\"" : "write the tag pattern, such as \"v{version}\"");
            var webUrl = OptionalString(table, "web-url", path) ?? string.Empty;
            var pathPattern = isExtensions ? OptionalString(table, "path", path) ?? "{name}" : string.Empty;
            if (repository is { Length: 0 })
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.MissingKey,
                    $"{path}: repository is empty",
                    "write where the repository lives: a URL, a path, or sample:NAME",
                    At(table["repository"]!.Location)));
                repository = null;
            }

            if (tag is not null)
            {
                var tagLocation = At(table["tag"]!.Location);
                if (!tag.Contains("{version}", StringComparison.Ordinal))
                {
                    Diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Versions.BadPattern,
                        $"{path}: tag = \"{tag}\" has no {{version}}, so every version would have the same tag",
                        isExtensions ? "write it like \"{name}/v{version}\"" : "write it like \"v{version}\"",
                        tagLocation));
                }

                if (isExtensions && !tag.Contains("{name}", StringComparison.Ordinal))
                {
                    Diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Versions.BadPattern,
                        $"{path}: tag = \"{tag}\" has no {{name}}, so the extensions of the monorepo would share their tags",
                        "write it like \"{name}/v{version}\"",
                        tagLocation));
                }
            }

            if (isExtensions && table.ContainsKey("path") && !pathPattern.Contains("{name}", StringComparison.Ordinal))
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.BadPattern,
                    $"{path}: path = \"{pathPattern}\" has no {{name}}, so every extension would be the same folder",
                    "write it like \"{name}\" or \"extensions/{name}\"",
                    At(table["path"]!.Location)));
            }

            var names = ImmutableArray<string>.Empty;
            if (isExtensions)
            {
                if (!table.TryGetEntry("names", out var namesEntry))
                {
                    Missing(table, path, "names", "list the known extensions: names = [\"azure\", \"mongodb\"]");
                }
                else if (namesEntry.Value is not TomlArray array)
                {
                    WrongType(namesEntry, path, "an array of strings such as [\"azure\", \"mongodb\"]");
                }
                else
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    var builder = ImmutableArray.CreateBuilder<string>();
                    foreach (var item in array.Items)
                    {
                        if (item is not TomlString { Value: var name })
                        {
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.WrongType,
                                $"{path}.names: {item.TypeName} where an extension name was expected",
                                "write each name as a string: \"mongodb\"",
                                At(item.Location)));
                        }
                        else if (!ExtensionPin.IsValidName(name))
                        {
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.BadExtensionName,
                                $"{path}.names: '{name}' is not an extension name",
                                "use lower-case letters, digits and '-', starting with a letter",
                                At(item.Location)));
                        }
                        else if (!seen.Add(name))
                        {
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.BadExtensionName,
                                $"{path}.names: '{name}' is listed twice",
                                "remove the second one",
                                At(item.Location)));
                        }
                        else
                        {
                            builder.Add(name);
                        }
                    }

                    names = builder.ToImmutable();
                }
            }

            return repository is null || tag is null
                ? (null, names)
                : (new ComponentSource(kind, repository, tag, pathPattern, webUrl), names);
        }

        private CompatibilityEntry? MatrixEntry(ComponentKind kind, string key, SourceLocation keyLocation, TomlValue value)
        {
            var kindKey = VersionsDocument.KindKey(kind);
            var path = $"compatibility.{kindKey}.\"{key}\"";
            var version = Version(key, keyLocation, path);
            if (value is not TomlTable table)
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.WrongType,
                    $"{path} is a {value.TypeName} where an inline table was expected",
                    kind == ComponentKind.Core
                        ? $"write \"{key}\" = {{ platform = \"^2.5\", extensions = \"^1.0\", workspace = \"^1.0\" }}"
                        : $"write \"{key}\" = {{ core = \"^3.2\", min-core = \"3.2.0\" }}",
                    At(value.Location, keyLocation)));
                return null;
            }

            var known = kind == ComponentKind.Core ? CoreEntryKeys : PlatformEntryKeys;
            CheckKeys(table, known, path + ".");
            var constraints = ImmutableArray.CreateBuilder<CompatibilityConstraint>();
            foreach (var entry in table.Entries.Where(entry => known.Contains(entry.Key, StringComparer.Ordinal)))
            {
                if (entry.Value is not TomlString { Value: var written } text)
                {
                    WrongType(
                        entry,
                        path,
                        entry.Key == "min-core" ? "a version string such as \"3.2.0\"" : "a requirement string such as \"^1.0\"");
                    continue;
                }

                var location = At(text.Location, entry.KeyLocation);
                var target = entry.Key switch
                {
                    "platform" => ComponentKind.Platform,
                    "workspace" => ComponentKind.Workspace,
                    "extensions" => ComponentKind.Extension,
                    _ => ComponentKind.Core,
                };
                if (entry.Key == "min-core")
                {
                    if (!CanonicalSemver.TryParse(written, out var minimum))
                    {
                        Diagnostics.Add(Diagnostic.Error(
                            DiagnosticCodes.Versions.BadVersion,
                            $"{path}: min-core = \"{written}\" is not a canonical SemVer version",
                            CanonicalSemver.FixFor(written),
                            location));
                        continue;
                    }

                    constraints.Add(new CompatibilityConstraint(
                        entry.Key, target, written, SemverRequirement.Parse(">=" + minimum.ToNormalizedString()), location));
                }
                else if (SemverRequirement.TryParse(written, out var requirement, out var error, out var fix))
                {
                    constraints.Add(new CompatibilityConstraint(entry.Key, target, written, requirement, location));
                }
                else
                {
                    Diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Versions.BadRequirement,
                        $"{path}: {entry.Key} = \"{written}\" is not a version requirement: {error}",
                        fix.Length > 0
                            ? fix
                            : "write a Cargo-style requirement such as \"^1.0\", \"~2.4\" or \">=1.2, <2\" (see docs/versions-toml.md)",
                        location));
                }
            }

            return version is null ? null : new CompatibilityEntry(kind, version, keyLocation, constraints.ToImmutable());
        }

        private VersionsBundle? Bundle(string id, SourceLocation keyLocation, TomlValue value)
        {
            var path = $"bundles.\"{id}\"";
            if (value is not TomlTable table)
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.WrongType,
                    $"{path} is a {value.TypeName} where a table was expected",
                    $"write the bundle as a table: [bundles.\"{id}\"]",
                    At(value.Location, keyLocation)));
                return null;
            }

            var location = At(table.Location, keyLocation);
            if (!BundleIdPattern().IsMatch(id))
            {
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.BadBundleId,
                    $"bundle id \"{id}\" is not a plain name: it becomes file names, archive names and channel entries",
                    "use lower-case letters, digits, '.' and '-', such as \"stable-3.2\"",
                    location));
            }

            CheckKeys(table, BundleKeys, path + ".");
            var name = RequiredString(table, "name", path, "give the bundle a display name: name = \"Stable 3.2 Bundle\"") ?? id;
            var (releaseDate, releaseDateLocation) = Date(table, "release-date", path, required: true);
            var (ltsUntil, ltsUntilLocation) = Date(table, "lts-until", path, required: false);
            var components = ImmutableArray.CreateBuilder<BundleVersion>();
            foreach (var (key, component) in new[] { ("core", ComponentId.Core), ("platform", ComponentId.Platform), (
                "workspace", ComponentId.Workspace) })
            {
                if (RequiredString(table, key, path, $"write the {key} version: {key} = \"1.0.0\"") is { } written)
                {
                    var versionLocation = At(table[key]!.Location);
                    if (Version(written, versionLocation, $"{path}.{key}") is { } version)
                    {
                        components.Add(new BundleVersion(component, version, versionLocation));
                    }
                }
            }

            if (table.TryGetEntry("extensions", out var extensionsEntry))
            {
                if (extensionsEntry.Value is not TomlArray array)
                {
                    WrongType(extensionsEntry, path, "an array such as [\"mongodb@1.2.0\", \"redis@1.1.0\"]");
                }
                else
                {
                    foreach (var item in array.Items)
                    {
                        if (item is not TomlString { Value: var text })
                        {
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.WrongType,
                                $"{path}.extensions: {item.TypeName} where \"name@version\" was expected",
                                "write each extension as a string: \"mongodb@1.2.0\"",
                                At(item.Location, extensionsEntry.KeyLocation)));
                        }
                        else if (ExtensionPin.TryParse(text, out var pin, out var error))
                        {
                            components.Add(new BundleVersion(
                                ComponentId.Extension(pin.Name), pin.Version, At(item.Location, extensionsEntry.KeyLocation)));
                        }
                        else
                        {
                            var dash = error.IndexOf(" — ", StringComparison.Ordinal);
                            Diagnostics.Add(Diagnostic.Error(
                                DiagnosticCodes.Versions.BadExtension,
                                $"{path}.extensions: {(dash < 0 ? error : error[..dash])}",
                                dash < 0 ? "write \"name@version\", such as \"mongodb@1.2.0\"" : error[(dash + 3)..],
                                At(item.Location, extensionsEntry.KeyLocation)));
                        }
                    }
                }
            }

            return new VersionsBundle(
                id, name, releaseDate, ltsUntil, components.ToImmutable(), location, releaseDateLocation, ltsUntilLocation)
            {
                Kind = table.ContainsKey("lts-until") ? BundleKind.Lts : BundleKind.Stable,
            };
        }

        private (DateOnly? Date, SourceLocation Location) Date(TomlTable table, string key, string path, bool required)
        {
            if (!table.TryGetEntry(key, out var entry))
            {
                if (required)
                {
                    Missing(table, path, key, $"write the date: {key} = \"2025-10-15\"");
                }

                return (null, SourceLocation.None);
            }

            var location = At(entry.Value.Location, entry.KeyLocation);
            switch (entry.Value)
            {
                case TomlLocalDate date:
                    return (date.Value, location);
                case TomlString { Value: var text } when DatePattern().IsMatch(text)
                    && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed):
                    return (parsed, location);
                default:
                    var shown = entry.Value is TomlString { Value: var written } ? $"\"{written}\"" : $"a {entry.Value.TypeName}";
                    Diagnostics.Add(Diagnostic.Error(
                        DiagnosticCodes.Versions.BadDate,
                        $"{path}: {key} = {shown} is not a date",
                        $"write a calendar date as YYYY-MM-DD: {key} = \"2025-10-15\"",
                        location));
                    return (null, location);
            }
        }

        private NuGetVersion? Version(string text, SourceLocation location, string path)
        {
            if (CanonicalSemver.TryParse(text, out var version))
            {
                return version;
            }

            Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Versions.BadVersion,
                $"{path}: \"{text}\" is not a canonical SemVer version",
                CanonicalSemver.FixFor(text),
                location));
            return null;
        }

        private TomlTable? Table(TomlEntry entry, string path)
        {
            if (entry.Value is TomlTable table)
            {
                return table;
            }

            WrongType(entry, path[..Math.Max(0, path.LastIndexOf('.'))] is { Length: > 0 } parent ? parent : string.Empty, "a table");
            return null;
        }

        private string? RequiredString(TomlTable table, string key, string path, string fix)
        {
            if (!table.TryGetEntry(key, out var entry))
            {
                Missing(table, path, key, fix);
                return null;
            }

            return StringOf(entry, path);
        }

        private string? OptionalString(TomlTable table, string key, string path) =>
            table.TryGetEntry(key, out var entry) ? StringOf(entry, path) : null;

        private string? StringOf(TomlEntry entry, string path)
        {
            if (entry.Value is TomlString { Value: var text })
            {
                return text;
            }

            WrongType(entry, path, "a string");
            return null;
        }

        private void CheckKeys(TomlTable table, string[] known, string prefix)
        {
            foreach (var entry in table.Entries.Where(entry => !known.Contains(entry.Key, StringComparer.Ordinal)))
            {
                var nearest = KeySuggester.Nearest(entry.Key, known);
                var fix = nearest is not null
                    ? $"did you mean '{nearest}'? (known keys here: {string.Join(", ", known)})"
                    : $"remove it; the keys here are: {string.Join(", ", known)}";
                Diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.UnknownKey,
                    $"unknown key '{prefix}{entry.Key}'",
                    fix,
                    At(entry.KeyLocation, entry.Value.Location)));
            }
        }

        private void Missing(TomlTable table, string path, string key, string fix) =>
            Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Versions.MissingKey, $"{(path.Length == 0 ? "the file" : path)} has no {key}", fix, At(table.Location)));

        private void WrongType(TomlEntry entry, string path, string expected) =>
            Diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.Versions.WrongType,
                $"{(path.Length == 0 ? string.Empty : path + ".")}{entry.Key} is a {entry.Value.TypeName} where {expected} was expected",
                $"write {entry.Key} as {expected}{(expected == "a string" ? ", in quotes" : string.Empty)}",
                At(entry.Value.Location, entry.KeyLocation)));

        /// <summary>
        /// The entries of <paramref name="table"/>, joining names TOML split at their dots (<c>[bundles.stable-3.2]</c>
        /// is table <c>2</c> inside <c>stable-3</c>): each split one is reported once with the quoted form to write.
        /// </summary>
        private IEnumerable<(string Key, SourceLocation KeyLocation, TomlValue Value)> Flatten(
            TomlTable table, Func<TomlTable, bool> isLeaf, string path, Func<string, string> quotedExample)
        {
            foreach (var entry in table.Entries)
            {
                if (entry.Value is TomlTable inner && !isLeaf(inner))
                {
                    foreach (var (suffix, value) in Split(inner, isLeaf))
                    {
                        var name = $"{entry.Key}.{suffix}";
                        var location = At(entry.KeyLocation, value.Location);
                        Diagnostics.Add(Diagnostic.Error(
                            DiagnosticCodes.Versions.UnquotedDottedName,
                            $"{path}: the name {name} is written without quotes, so TOML reads it as nested tables "
                                + $"({string.Join(" → ", name.Split('.').Select(part => $"\"{part}\""))})",
                            $"quote it: {quotedExample(name)}",
                            location));
                        yield return (name, location, value);
                    }
                }
                else
                {
                    yield return (entry.Key, At(entry.KeyLocation, entry.Value.Location), entry.Value);
                }
            }
        }

        private static IEnumerable<(string Suffix, TomlValue Value)> Split(TomlTable table, Func<TomlTable, bool> isLeaf)
        {
            foreach (var entry in table.Entries)
            {
                if (entry.Value is TomlTable inner && !isLeaf(inner))
                {
                    foreach (var (suffix, value) in Split(inner, isLeaf))
                    {
                        yield return ($"{entry.Key}.{suffix}", value);
                    }
                }
                else
                {
                    yield return (entry.Key, entry.Value);
                }
            }
        }

        // A matrix entry is an inline table of strings; a table of tables is a version key split at its dots.
        private static bool IsMatrixLeaf(TomlTable table)
            => table.Kind == TomlTableKind.Inline || table.Count == 0 || table.Entries.Any(entry => entry.Value is not TomlTable);

        // A bundle holds values, never tables; a table of tables is a bundle id split at its dots.
        private static bool IsBundleLeaf(TomlTable table) => table.Count == 0 || table.Entries.Any(entry => entry.Value is not TomlTable);

        private SourceLocation At(SourceLocation location, SourceLocation? fallback = null)
        {
            var chosen = location.HasPosition || fallback is null || !fallback.HasPosition ? location : fallback;
            return chosen.File.Length == 0 ? chosen with { File = file } : chosen;
        }

        private static ComponentKind KindOf(string key) => key switch
        {
            "core" => ComponentKind.Core,
            "platform" => ComponentKind.Platform,
            "workspace" => ComponentKind.Workspace,
            _ => ComponentKind.Extension,
        };
    }
}
