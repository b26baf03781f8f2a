using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Core.Sources;

/// <summary>
/// A component's own manifest at a tag: <c>version.toml</c> for the core, <c>manifest.toml</c> for the others
/// (for an extension, in its folder). It says the component's version, the core versions it works with
/// (<c>core-version</c>, a Cargo-style requirement; absent for the core) and its dependencies, split into runtime
/// ones (what an installation needs; the only ones a bundle cares about, carried into bundle.json) and development
/// ones (for building; never carried). Each dependency is <c>name = "requirement"</c> with a Cargo-style requirement.
/// </summary>
public sealed partial record ComponentManifest(
    string Name,
    NuGetVersion? Version,
    string? CoreVersion,
    ImmutableSortedDictionary<string, string> RuntimeDependencies,
    ImmutableSortedDictionary<string, string> DevelopmentDependencies)
{
    /// <summary>The manifest's file name, relative to the exported component.</summary>
    public static string FileFor(ComponentKind kind) => kind == ComponentKind.Core ? "version.toml" : "manifest.toml";

    /// <summary>
/// Reads a manifest; problems are SRC030 diagnostics at their place in <paramref name="file"/>. Which keys a kind of
/// component must have (and what they must say) is <see cref="SourceChecks.CheckManifest"/>'s: an absent key is
/// an empty <see cref="Name"/>, a null <see cref="Version"/> or <see cref="CoreVersion"/>.
/// </summary>
    public static ComponentManifest Read(TomlTable document, string file)
    {
        ArgumentNullException.ThrowIfNull(document);
        var diagnostics = new List<Diagnostic>();
        var name = string.Empty;
        switch (document["name"])
        {
            case TomlString nameValue:
                name = nameValue.Value;
                break;
            case { } other:
                diagnostics.Add(Error($"name must be a string such as \"mongodb\", not {Article(other.TypeName)}", other.Location, file));
                break;
        }

        NuGetVersion? version = null;
        switch (document["version"])
        {
            case TomlString versionValue when !CanonicalSemver.TryParse(versionValue.Value, out version):
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Sources.BadManifest,
                    $"version '{versionValue.Value}' is not a canonical SemVer version",
                    CanonicalSemver.FixFor(versionValue.Value) + " in the component's manifest at that tag (or use another version)",
                    At(versionValue.Location, file)));
                break;
            case TomlString:
                break;
            case { } other:
                diagnostics.Add(Error($"version must be a string such as \"1.2.0\", not {Article(other.TypeName)}", other.Location, file));
                break;
        }

        string? core = null;
        if (document["core-version"] is { } coreValue)
        {
            if (coreValue is TomlString coreText)
            {
                core = coreText.Value;
            }
            else
            {
                diagnostics.Add(Error("core-version must be a string such as \"^3.2\"", coreValue.Location, file));
            }
        }

        var runtime = Dependencies(document.Find("dependencies", "runtime"), "runtime", file, diagnostics);
        var development = Dependencies(document.Find("dependencies", "development"), "development", file, diagnostics);
        return diagnostics.Count > 0
            ? throw new UserErrorException(diagnostics)
            : new ComponentManifest(name, version, core, runtime, development);
    }

    private static ImmutableSortedDictionary<string, string> Dependencies(
        TomlValue? value, string kind, string file, List<Diagnostic> diagnostics)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (value is null)
        {
            return result.ToImmutable();
        }

        if (value is not TomlTable table)
        {
            diagnostics.Add(Error($"dependencies.{kind} must be a table of name = \"requirement\"", value.Location, file));
            return result.ToImmutable();
        }

        foreach (var entry in table.Entries)
        {
            var key = $"dependencies.{kind}.{entry.Key}";
            if (!DependencyName().IsMatch(entry.Key))
            {
                diagnostics.Add(Error(
                    $"{key}: '{entry.Key}' is not a dependency name (lower-case letters, "
                        + "digits, '.', '_', '-', starting with a letter or digit)",
                    entry.KeyLocation.HasPosition ? entry.KeyLocation : entry.Value.Location,
                    file));
            }
            else if (entry.Value is not TomlString requirement)
            {
                diagnostics.Add(Error($"{key} must be a string requirement such as \">=0.112\"", entry.Value.Location, file));
            }
            else if (!SemverRequirement.TryParse(requirement.Value, out _, out var error, out var fix))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.Sources.BadManifest,
                    $"{key} = \"{requirement.Value}\" is not a version requirement: {error}",
                    fix.Length > 0
                        ? fix + ", in the component's manifest"
                        : "write a Cargo-style requirement such as \">=0.112\" or \"^10.0\" in "
                            + "the component's manifest at that tag (or use another version)",
                    At(requirement.Location, file)));
            }
            else
            {
                result[entry.Key] = requirement.Value;
            }
        }

        return result.ToImmutable();
    }

    private static string Article(string noun) => ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;

    private static SourceLocation At(SourceLocation location, string file)
        => location.File.Length > 0 ? location : location with { File = file };

    // Names become JSON keys in bundle.json; PowerShell's ConvertFrom-Json refuses keys that differ only in case.
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DependencyName();

    private static Diagnostic Error(string message, SourceLocation location, string file) =>
        Diagnostic.Error(
            DiagnosticCodes.Sources.BadManifest,
            message,
            "fix the component's manifest at that tag (or use another version)",
            At(location, file));
}
