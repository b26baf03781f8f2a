using System.Collections.Immutable;
using Distribution.Adapters.Sources;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Sources;
using Distribution.Core.Toml;
using Distribution.Core.Versions;
using NuGet.Versioning;

namespace Distribution.Pipeline;

/// <summary>
/// The first step of every verb that reads versions.toml: read the file, parse and validate it, report the
/// warnings, and stop with every error at once (a <see cref="UserErrorException"/>) — or return the model.
/// </summary>
public static class VersionsLoader
{
    /// <summary>The versions file: <paramref name="path"/> (relative to the repository root) or version-management/versions.toml.</summary>
    public static string Resolve(PhaseContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.IsNullOrEmpty(path) ? context.Paths.VersionsFile : Path.GetFullPath(path, context.Paths.Root);
    }

    /// <summary>Reads the file's bytes, or a user error (VM030) saying it is missing.</summary>
    public static async Task<byte[]> ReadBytesAsync(PhaseContext context, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!File.Exists(file))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Versions.FileMissing,
                $"the versions file '{context.Paths.Display(file)}' does not exist",
                "give the right path with --versions=PATH, or run from the repository (version-management/versions.toml)");
        }

        return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the file's text for editing: UTF-8 checked (invalid bytes are a TOML002 user error at their place), a
    /// byte-order mark kept as U+FEFF so that writing the text back keeps it. VM030 when the file is missing.
    /// </summary>
    public static async Task<string> ReadTextAsync(PhaseContext context, string file, CancellationToken cancellationToken)
    {
        var bytes = await ReadBytesAsync(context, file, cancellationToken).ConfigureAwait(false);
        return TomlParser.TryDecode(bytes, context.Paths.Display(file), out var text, out var problem)
            ? text
            : throw new UserErrorException(problem);
    }

    /// <summary>The lock file of a versions file: versions.lock beside it.</summary>
    public static string LockPathOf(string versionsFile)
        => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(versionsFile))!, "versions.lock");

    /// <summary>The lock at <paramref name="lockFile"/>, read as bytes (UTF-8 checked); empty when there is none yet.</summary>
    public static async Task<LockFile> ReadLockAsync(PhaseContext context, string lockFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return File.Exists(lockFile)
            ? LockFile.Parse(
                await File.ReadAllBytesAsync(lockFile, cancellationToken).ConfigureAwait(false), context.Paths.Display(lockFile))
            : LockFile.Empty;
    }

    /// <summary>
    /// The repositories versions.toml names (<see cref="VersionsDocument.Repositories"/>), for the SBOM of shards assembled
    /// elsewhere: those of its well-formed <c>[components.*]</c> tables (Validate judges the rest); none without the file.
    /// </summary>
    public static async Task<ImmutableSortedDictionary<string, string>> RepositoriesAsync(
        PhaseContext context, string? path, CancellationToken cancellationToken)
    {
        var file = Resolve(context, path);
        if (!File.Exists(file))
        {
            context.Reporter.Info($"no {context.Paths.Display(file)}: the SBOM names no component repositories");
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        var bytes = await ReadBytesAsync(context, file, cancellationToken).ConfigureAwait(false);
        return VersionsChecker.Check(bytes, context.Paths.Display(file), Today).Document.Repositories();
    }

    /// <summary>Today's date for the validator (UTC), the one place the clock is read.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// Reads, parses and validates; reports warnings through the reporter; throws with every diagnostic when there are errors.
    /// </summary>
    public static async Task<VersionsDocument> LoadAsync(PhaseContext context, string? path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = Resolve(context, path);
        var bytes = await ReadBytesAsync(context, file, cancellationToken).ConfigureAwait(false);
        var result = VersionsChecker.Check(bytes, context.Paths.Display(file), Today);
        if (result.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(result.Diagnostics);
        }

        foreach (var warning in result.Diagnostics)
        {
            context.Reporter.Report(warning);
        }

        return result.Document;
    }

    /// <summary>
    /// Loads versions.toml and selects the bundle the options name (see <see cref="BundleSelector"/>): a bundle of
    /// the file, an ad-hoc combination checked against the matrix, or the default bundle. Reports warnings.
    /// </summary>
    public static async Task<(VersionsDocument Document, BundleSpec Bundle)> LoadBundleAsync(
        PhaseContext context,
        string? versionsPath,
        string? bundle,
        string? core,
        string? platform,
        string? workspace,
        string? extensions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var document = await LoadAsync(context, versionsPath, cancellationToken).ConfigureAwait(false);
        var (spec, warnings) = BundleSelector.Select(document, bundle, core, platform, workspace, extensions);
        foreach (var warning in warnings)
        {
            context.Reporter.Report(warning);
        }

        return (document, spec);
    }

    /// <summary>
    /// The bundle options of the building verbs, <c>--newest</c> included: either the newest combination the matrix
    /// allows, or what <see cref="BundleSelector"/> selects. <c>--newest</c> with explicit versions is a user error.
    /// <paramref name="tagsOf"/> gives the tags (tag → commit) <c>--newest</c> reads: those the caller's fetch service
    /// read when it updated the mirror, so that each repository is fetched and listed once per run, or the tags of the
    /// mirrors as they are when offline. <paramref name="summarize"/>: <c>--newest</c>'s table goes to the step summary too.
    /// </summary>
    public static Task<(VersionsDocument Document, BundleSpec Bundle)> LoadBundleAsync(
        PhaseContext context,
        string? versionsPath,
        string? bundle,
        string? core,
        string? platform,
        string? workspace,
        string? extensions,
        bool newest,
        Func<ComponentSource, CancellationToken, Task<ImmutableSortedDictionary<string, string>>> tagsOf,
        bool summarize,
        CancellationToken cancellationToken)
    {
        if (!newest)
        {
            return LoadBundleAsync(context, versionsPath, bundle, core, platform, workspace, extensions, cancellationToken);
        }

        if ((core ?? platform ?? workspace ?? extensions) is not null)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Versions.BadOption,
                "--newest chooses every version itself and takes no --core, --platform, --workspace or --extensions",
                "drop --newest, or the versions");
        }

        return LoadNewestBundleAsync(context, versionsPath, bundle, tagsOf, summarize, cancellationToken);
    }

    /// <summary>
    /// Loads versions.toml and selects the newest combination the matrix allows (<c>--newest</c>, for nightly runs):
    /// the tags of each repository's mirror (from <paramref name="tagsOf"/>, once per repository) are read as
    /// versions, and <see cref="NewestCombination"/> picks. The bundle's id is <paramref name="bundle"/> or <c>newest</c>.
    /// </summary>
    /// <remarks>
    /// It also reports what is new beyond the matrix (<see cref="NewestSurvey"/>): the newest tag of every component and
    /// whether the matrix allows, refuses or does not yet govern it, as a table, and with <paramref name="summarize"/>
    /// in the step summary too (create-bundle's, once per run of the nightly).
    /// </remarks>
    public static async Task<(VersionsDocument Document, BundleSpec Bundle)> LoadNewestBundleAsync(
        PhaseContext context,
        string? versionsPath,
        string? bundle,
        Func<ComponentSource, CancellationToken, Task<ImmutableSortedDictionary<string, string>>> tagsOf,
        bool summarize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tagsOf);
        var document = await LoadAsync(context, versionsPath, cancellationToken).ConfigureAwait(false);
        var available = new Dictionary<ComponentId, ImmutableArray<NuGetVersion>>();
        var tagsByRepository = new Dictionary<string, ImmutableSortedDictionary<string, string>>(StringComparer.Ordinal);
        var components = new[] { ComponentId.Core, ComponentId.Platform, ComponentId.Workspace }
            .Concat(document.ExtensionNames.Select(ComponentId.Extension));
        foreach (var component in components)
        {
            if (document.SourceFor(component.Kind) is not { } source)
            {
                continue;
            }

            if (!tagsByRepository.TryGetValue(source.Repository, out var tags))
            {
                tags = tagsByRepository[source.Repository] = await tagsOf(source, cancellationToken).ConfigureAwait(false);
            }

            available[component] = [.. SourceChecks.VersionsOf(source, component, tags.Keys).Keys];
        }

        var spec = NewestCombination.Resolve(document, available, string.IsNullOrWhiteSpace(bundle) ? "newest" : bundle.Trim());
        context.Reporter.Info($"newest combination the matrix allows: {string.Join(", ", spec.Components)}");
        var survey = NewestSurvey.Table(NewestSurvey.Survey(document, available, spec));
        context.Reporter.Table(survey);
        if (summarize)
        {
            context.Reporter.StepSummary(survey.ToMarkdown());
        }

        return (document, spec);
    }

    /// <summary>
    /// Loads versions.toml and selects the bundle of <paramref name="selection"/> (without <c>--newest</c>); reports warnings.
    /// </summary>
    public static Task<(VersionsDocument Document, BundleSpec Bundle)> LoadBundleAsync(
        PhaseContext context, BundleSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return LoadBundleAsync(
            context,
            selection.Versions,
            selection.Bundle,
            selection.Core,
            selection.Platform,
            selection.Workspace,
            selection.Extensions,
            cancellationToken);
    }

    /// <summary>
    /// Loads versions.toml and selects the bundle of <paramref name="selection"/>,
    /// <c>--newest</c> included (see the overload with every option).
    /// </summary>
    public static Task<(VersionsDocument Document, BundleSpec Bundle)> LoadBundleAsync(
        PhaseContext context,
        BundleSelection selection,
        Func<ComponentSource, CancellationToken, Task<ImmutableSortedDictionary<string, string>>> tagsOf,
        bool summarize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return LoadBundleAsync(
            context,
            selection.Versions,
            selection.Bundle,
            selection.Core,
            selection.Platform,
            selection.Workspace,
            selection.Extensions,
            selection.Newest,
            tagsOf,
            summarize,
            cancellationToken);
    }
}
