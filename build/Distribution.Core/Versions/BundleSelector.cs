using System.Collections.Immutable;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// Turns the bundle options every building verb takes into a <see cref="BundleSpec"/>: <c>--bundle=ID</c> (a bundle
/// of versions.toml), <c>--core= --platform= --workspace= [--extensions=]</c> (an ad-hoc combination, kind Custom,
/// id <c>--bundle</c> or <c>custom-core-VERSION</c>, checked against the matrix like a bundle), or nothing (the
/// default bundle: the newest stable one). Errors throw <see cref="UserErrorException"/> with every problem.
/// </summary>
public static class BundleSelector
{
    /// <summary>The selected bundle and the warnings to show (an ad-hoc combination no matrix entry governs, say).</summary>
    public static (BundleSpec Spec, ImmutableArray<Diagnostic> Warnings) Select(
        VersionsDocument document, string? bundle, string? core, string? platform, string? workspace, string? extensions)
    {
        ArgumentNullException.ThrowIfNull(document);
        var adHoc = !string.IsNullOrWhiteSpace(core)
            || !string.IsNullOrWhiteSpace(platform)
            || !string.IsNullOrWhiteSpace(workspace)
            || !string.IsNullOrWhiteSpace(extensions);
        if (!adHoc)
        {
            return (string.IsNullOrWhiteSpace(bundle) ? document.GetDefaultBundleSpec() : document.GetBundleSpec(bundle.Trim()), []);
        }

        var problems = new List<Diagnostic>();
        var coreVersion = Version("--core", core, problems);
        var platformVersion = Version("--platform", platform, problems);
        var workspaceVersion = Version("--workspace", workspace, problems);
        var pins = ParseExtensions(extensions, problems);
        if (problems.Count > 0)
        {
            throw new UserErrorException(problems);
        }

        var spec = VersionsDocument.CustomBundle(
            string.IsNullOrWhiteSpace(bundle) ? null : bundle.Trim(),
            coreVersion!,
            platformVersion!,
            workspaceVersion!,
            pins.Select(pin => new BundleComponent(ComponentId.Extension(pin.Name), pin.Version)));
        var diagnostics = VersionsValidator.ValidateSpec(document, spec);
        if (diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(diagnostics);
        }

        return (spec, diagnostics);
    }

    /// <summary>
    /// Reads <c>mongodb@2.0.0,redis@2.0.0</c> (empty for none); every malformed item is added to <paramref name="problems"/> (VM033).
    /// </summary>
    public static ImmutableArray<ExtensionPin> ParseExtensions(string? text, ICollection<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var pins = ImmutableArray.CreateBuilder<ExtensionPin>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ExtensionPin.TryParse(item, out var pin, out var error))
            {
                pins.Add(pin);
            }
            else
            {
                var dash = error.IndexOf(" — ", StringComparison.Ordinal);
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Versions.BadOption,
                    $"--extensions: {(dash < 0 ? error : error[..dash])}",
                    dash < 0 ? "write name@version, such as mongodb@2.0.0" : error[(dash + 3)..]));
            }
        }

        return pins.ToImmutable();
    }

    /// <summary>A required version option; a missing or non-canonical one is added to <paramref name="problems"/> (VM033).</summary>
    public static NuGetVersion? Version(string option, string? text, ICollection<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Versions.BadOption,
                $"{option} is missing",
                "an ad-hoc combination needs --core, --platform and --workspace (and "
                    + "optionally --extensions); or name a bundle with --bundle alone"));
            return null;
        }

        if (CanonicalSemver.TryParse(text.Trim(), out var version))
        {
            return version;
        }

        problems.Add(Diagnostic.Error(
            DiagnosticCodes.Versions.BadOption, $"{option} '{text}' is not a canonical SemVer version", CanonicalSemver.FixFor(text)));
        return null;
    }
}
