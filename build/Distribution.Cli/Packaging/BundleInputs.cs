using System.Collections.Immutable;
using Distribution.Adapters.Files;
using Distribution.Cli.Output;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Cli.Packaging;

/// <summary>What create-bundle reads before building: versions.toml (checked first) and the bundle to make.</summary>
internal static class BundleInputs
{
    public static async Task<VersionsDocument> ReadVersionsAsync(RepositoryPaths paths, string file, IReporter reporter, CancellationToken cancellationToken)
    {
        var display = paths.Display(file);
        if (!File.Exists(file))
        {
            throw UserErrorException.Of("PKG001", $"{display} does not exist", "run from the repository, or name the file with --versions");
        }

        TomlTable table;
        try
        {
            table = TomlParser.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), display);
        }
        catch (TomlException exception)
        {
            throw new UserErrorException(exception.Diagnostic);
        }

        var result = VersionsReader.FromTable(table, display);
        var problems = result.Diagnostics.Concat(VersionsValidator.Validate(result.Document, DateOnly.FromDateTime(DateTime.UtcNow))).Distinct().ToList();
        if (problems.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(problems.Where(diagnostic => diagnostic.IsError));
        }

        foreach (var warning in problems)
        {
            reporter.Report(warning);
        }

        return result.Document;
    }

    /// <summary>--bundle, an ad-hoc combination (--core/--platform/--workspace/--extensions, checked against the matrix), or the newest stable bundle.</summary>
    public static BundleSpec Select(VersionsDocument document, string? bundle, string? core, string? platform, string? workspace, string? extensions)
    {
        var adHoc = core is not null || platform is not null || workspace is not null || extensions is not null;
        if (!adHoc)
        {
            return bundle is null ? document.GetDefaultBundleSpec() : document.GetBundleSpec(bundle);
        }

        var defaults = document.DefaultBundle;
        var pins = new List<BundleComponent>();
        foreach (var text in (extensions ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            pins.Add(ExtensionPin.TryParse(text, out var pin, out var error)
                ? new BundleComponent(ComponentId.Extension(pin.Name), pin.Version)
                : throw UserErrorException.Of("PKG007", $"--extensions: {error}", "write --extensions=name@version[,name@version…]"));
        }

        var spec = VersionsDocument.CustomBundle(
            bundle,
            Version("--core", core, defaults?.Find(ComponentId.Core)?.Version),
            Version("--platform", platform, defaults?.Find(ComponentId.Platform)?.Version),
            Version("--workspace", workspace, defaults?.Find(ComponentId.Workspace)?.Version),
            pins);
        var problems = VersionsValidator.ValidateSpec(document, spec);
        return problems.Any(diagnostic => diagnostic.IsError) ? throw new UserErrorException(problems) : spec;
    }

    public static ImmutableArray<string>? Targets(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    private static NuGetVersion Version(string option, string? text, NuGetVersion? fallback) =>
        text is null
            ? fallback ?? throw UserErrorException.Of("PKG007", $"{option} is needed (versions.toml has no default bundle to take it from)", $"give {option}=VERSION")
            : NuGetVersion.TryParse(text, out var version) ? version : throw UserErrorException.Of("PKG007", $"{option}={text} is not a version", $"write it like {option}=3.2.1");
}
