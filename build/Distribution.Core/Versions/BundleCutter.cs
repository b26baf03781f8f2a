using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Toml;
using NuGet.Versioning;

namespace Distribution.Core.Versions;

/// <summary>
/// Plans cutting a coordinated release: adds <c>[bundles."ID"]</c> and the matrix entries the new versions need
/// (a core entry when no entry governs the core, a platform entry when none governs the platform) to the text of
/// versions.toml, leaving every other byte as it was, then validates the result. Pure: text in, text out.
/// </summary>
public static class BundleCutter
{
    /// <summary>
    /// The planned change. Throws <see cref="UserErrorException"/> when the request cannot even be written (the
    /// current file has errors, the id is taken); a plan whose new text does not validate is <see cref="NewBundlePlan.IsRefused"/>.
    /// </summary>
    public static NewBundlePlan Plan(string text, string file, NewBundleRequest request, DateOnly today)
    {
        try
        {
            return PlanEdits(text, file, request, today);
        }
        catch (TomlException exception)
        {
            // The editor re-parses every result; a failure here means the file's layout defeated it.
            throw new UserErrorException(Diagnostic.Error(
                DiagnosticCodes.Versions.ChangeRefused,
                $"the change could not be written into {file}: {exception.Diagnostic.Message}",
                "add the bundle by hand (docs/release-process.md), then run ./build.sh --target=Validate",
                exception.Location.HasPosition ? exception.Location : SourceLocation.InFile(file)));
        }
    }

    private static NewBundlePlan PlanEdits(string text, string file, NewBundleRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(request);
        var current = VersionsChecker.Check(text, file, today);
        if (current.Diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            throw new UserErrorException(current.Diagnostics.Append(Diagnostic.Error(
                DiagnosticCodes.Versions.ChangeRefused,
                $"{file} has errors already, so no bundle was added",
                "fix the errors above first (./build.sh --target=Validate)",
                SourceLocation.InFile(file))));
        }

        var document = current.Document;
        if (document.FindBundle(request.Id) is { } existing)
        {
            throw UserErrorException.At(
                existing.Location,
                DiagnosticCodes.Versions.BundleExists,
                $"bundle {request.Id} exists already",
                "choose another --bundle id; a released bundle is never changed, a new release gets a new bundle");
        }

        // The default name is "Stable 4.0 Bundle"; a patch release of a line that has one already gets "Stable 4.0.2 Bundle".
        var name = request.Name
            ?? (document.Bundles.Any(bundle => bundle.Name == request.DisplayName)
                ? $"{(request.LtsUntil is null ? "Stable" : "LTS")} {request.Core.ToNormalizedString()} Bundle"
                : request.DisplayName);
        var additions = ImmutableArray.CreateBuilder<string>();
        var newText = text;
        if (document.Governing(ComponentKind.Core, request.Core) is null)
        {
            var entries = new List<TomlEntry>
            {
                new("platform", new TomlString(Writable(Caret(request.Platform), "--platform", request.Platform))),
            };
            if (Writable(ExtensionsRange(request.Extensions), "--extensions", null) is { } extensions)
            {
                entries.Add(new TomlEntry("extensions", new TomlString(extensions)));
            }

            entries.Add(new TomlEntry("workspace", new TomlString(Writable(Caret(request.Workspace), "--workspace", request.Workspace))));
            var key = request.Core.ToNormalizedString();
            newText = TomlEditor.SetValue(
                newText, ["compatibility", "core"], key, new TomlTable(entries, SourceLocation.None, TomlTableKind.Inline));
            additions.Add($"compatibility.core.\"{key}\" = {{ "
                + $"{string.Join(", ", entries.Select(entry => $"{entry.Key} = \"{((TomlString)entry.Value).Value}\""))} }}");
        }

        if (document.Governing(ComponentKind.Platform, request.Platform) is null)
        {
            var core = request.Core.ToNormalizedString();
            var entries = new List<TomlEntry>
            {
                new("core", new TomlString(Writable(Caret(request.Core), "--core", request.Core))),
                new("min-core", new TomlString(core)),
            };
            var key = request.Platform.ToNormalizedString();
            newText = TomlEditor.SetValue(
                newText, ["compatibility", "platform"], key, new TomlTable(entries, SourceLocation.None, TomlTableKind.Inline));
            additions.Add($"compatibility.platform.\"{key}\" = {{ core = \"{Caret(request.Core)}\", min-core = \"{core}\" }}");
        }

        var bundle = new List<TomlEntry>
        {
            new("name", new TomlString(name)),
            new("release-date", new TomlString(Iso(request.ReleaseDate))),
        };
        if (request.LtsUntil is { } until)
        {
            bundle.Add(new TomlEntry("lts-until", new TomlString(Iso(until))));
        }

        bundle.Add(new TomlEntry("core", new TomlString(request.Core.ToNormalizedString())));
        bundle.Add(new TomlEntry("platform", new TomlString(request.Platform.ToNormalizedString())));
        bundle.Add(new TomlEntry("workspace", new TomlString(request.Workspace.ToNormalizedString())));
        if (!request.Extensions.IsDefaultOrEmpty)
        {
            bundle.Add(new TomlEntry(
                "extensions", new TomlArray(request.Extensions.Select(pin => (TomlValue)new TomlString(pin.ToString())))));
        }

        newText = TomlEditor.AppendTable(newText, ["bundles", request.Id], bundle);
        additions.Add($"[bundles.\"{request.Id}\"] {name}: core {request.Core.ToNormalizedString()}, platform "
            + $"{request.Platform.ToNormalizedString()}, workspace {request.Workspace.ToNormalizedString()}"
            + (request.Extensions.IsDefaultOrEmpty ? string.Empty : ", " + string.Join(", ", request.Extensions)));

        var after = VersionsChecker.Check(newText, file, today);
        var diagnostics = after.Diagnostics;
        if (diagnostics.Any(diagnostic => diagnostic.IsError))
        {
            // Refused: nothing is written, so the positions (and the lines messages name) are those of the new text,
            // which is not on disk. Each message says so.
            diagnostics = [.. diagnostics.Select(diagnostic => diagnostic.Location.HasPosition
                ? diagnostic with { Message = $"{diagnostic.Message} (line "
                    + $"{diagnostic.Location.Line.ToString(CultureInfo.InvariantCulture)} of {file} as it "
                    + "would be after the change, which was not written; --dry-run shows the change)" }
                : diagnostic)];
        }

        return new NewBundlePlan(text, newText, additions.ToImmutable(), diagnostics);
    }

    /// <summary><c>^4.0</c> for 4.0.0 and 4.1.2; <c>^0.9</c> for 0.9.2: the caret range of the version's MAJOR.MINOR.</summary>
    public static string Caret(NuGetVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return string.Create(CultureInfo.InvariantCulture, $"^{version.Major}.{version.Minor}");
    }

    // One range for every extension of the bundle: the caret range of the lowest when it holds them all, else
    // from the lowest MAJOR.MINOR up to (not including) the next major after the highest.
    private static string? ExtensionsRange(ImmutableArray<ExtensionPin> extensions)
    {
        if (extensions.IsDefaultOrEmpty)
        {
            return null;
        }

        var lowest = extensions.Select(pin => pin.Version).Min()!;
        var highest = extensions.Select(pin => pin.Version).Max()!;
        var caret = Caret(lowest);
        if (SemverRequirement.TryParse(caret, out var requirement) && extensions.All(pin => requirement.IsSatisfiedBy(pin.Version)))
        {
            return caret;
        }

        // long: the next major after int.MaxValue is written out, and refused by Writable, rather than wrapped.
        var upper = highest.Major > 0 ? $"{(long)highest.Major + 1}" : $"0.{(long)highest.Minor + 1}";
        return string.Create(CultureInfo.InvariantCulture, $">={lowest.Major}.{lowest.Minor}, <{upper}");
    }

    // A range new-bundle writes must read back: ^2147483647.0 has no next major to end before, so the version is refused.
    [return: NotNullIfNotNull(nameof(range))]
    private static string? Writable(string? range, string option, NuGetVersion? version)
    {
        if (range is null || SemverRequirement.TryParse(range, out _, out var error))
        {
            return range;
        }

        var given = version is null ? option : $"{option}={version.ToNormalizedString()}";
        throw UserErrorException.Of(
            DiagnosticCodes.Versions.BadOption,
            $"{given}: the new matrix entry would need the range \"{range}\", which is not a valid range: {error}",
            "use smaller version numbers, or add the matrix entry by hand first and run NewBundle again (docs/release-process.md)");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
