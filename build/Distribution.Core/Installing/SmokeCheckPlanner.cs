using System.Collections.Immutable;
using Distribution.Core.Contract;

namespace Distribution.Core.Installing;

/// <summary>
/// Decides how each installed component of a bundle is checked: the core CLI through nu
/// (<c>bin/provisioning --version</c>); every program of the platform archive with <c>--version</c> (files in
/// <c>bin/</c>, the app hosts of packaging/platform's layout, <c>lib/provisioning/platform/SERVICE/provisioning-*</c>
/// without an extension, and framework-dependent assemblies without an app host through
/// <c>dotnet</c>); and for workspace and extensions that every file of their receipt is present
/// (<c>share/provisioning/templates/…</c>, <c>lib/provisioning/extensions/NAME/…</c>). Versions are bundle.json's.
/// </summary>
public static class SmokeCheckPlanner
{
    public const string CoreProgram = "bin/provisioning";
    public const string PlatformFolder = "lib/provisioning/platform/";

    public static ImmutableArray<SmokeCheck> Plan(
        BundleManifest manifest, string hostTarget, IReadOnlyDictionary<string, InstallReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(receipts);
        var checks = ImmutableArray.CreateBuilder<SmokeCheck>();
        foreach (var component in manifest.ComponentsFor(hostTarget))
        {
            var version = manifest.VersionOf(component)!;
            var files = receipts.TryGetValue(component, out var receipt) ? receipt.Files : [];
            switch (component)
            {
                case "core":
                    checks.Add(new SmokeCheck(component, version, SmokeCheckKind.RunVersion, null, CoreProgram, files));
                    break;
                case "platform":
                    var programs = files.Where(IsPlatformProgram).ToImmutableArray();
                    var assemblies = FrameworkDependentAssemblies(files);
                    if (programs.IsEmpty && assemblies.IsEmpty)
                    {
                        // Nothing to run: still expect the usual program, so an empty or unexpected archive fails.
                        checks.Add(new SmokeCheck(
                            component, version, SmokeCheckKind.RunVersion, null, "bin/provisioning-orchestrator", files));
                    }

                    checks.AddRange(programs.Select(program => new SmokeCheck(
                        component, version, SmokeCheckKind.RunVersion, null, program, files)));
                    checks.AddRange(assemblies.Select(assembly => new SmokeCheck(
                        component, version, SmokeCheckKind.RunVersion, "dotnet", assembly, files)));
                    break;
                default:
                    checks.Add(new SmokeCheck(component, version, SmokeCheckKind.Present, null, CommonFolder(files), files));
                    break;
            }
        }

        return checks.ToImmutable();
    }

    /// <summary>
    /// A program of the platform archive: anything in <c>bin/</c>, or an
    /// app host <c>lib/provisioning/platform/SERVICE/provisioning-NAME</c>.
    /// </summary>
    public static bool IsPlatformProgram(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.StartsWith("bin/", StringComparison.Ordinal))
        {
            return true;
        }

        if (!file.StartsWith(PlatformFolder, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = file[PlatformFolder.Length..].Split('/');
        return parts.Length == 2
            && parts[1].StartsWith("provisioning-", StringComparison.Ordinal)
            && !parts[1].Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// Framework-dependent services without an app host: <c>lib/provisioning/platform/SERVICE/provisioning-NAME.dll</c>
    /// with its <c>.runtimeconfig.json</c> beside it and no <c>provisioning-NAME</c> program; run as <c>dotnet DLL</c>.
    /// </summary>
    public static ImmutableArray<string> FrameworkDependentAssemblies(IReadOnlyCollection<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var all = files.ToHashSet(StringComparer.Ordinal);
        return [.. files.Where(file =>
            file.EndsWith(".dll", StringComparison.Ordinal)
            && file.StartsWith(PlatformFolder, StringComparison.Ordinal)
            && file[PlatformFolder.Length..].Split('/') is [_, var name] && name.StartsWith("provisioning-", StringComparison.Ordinal)
            && all.Contains(file[..^4] + ".runtimeconfig.json")
            && !all.Contains(file[..^4]))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The deepest folder holding every file (ending in '/'), or "" for none.</summary>
    public static string CommonFolder(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            return string.Empty;
        }

        var common = files[0][..(files[0].LastIndexOf('/') + 1)];
        foreach (var file in files)
        {
            while (common.Length > 0 && !file.StartsWith(common, StringComparison.Ordinal))
            {
                common = common[..(common.TrimEnd('/').LastIndexOf('/') + 1)];
            }
        }

        return common;
    }

    /// <summary>Whether <paramref name="output"/> (what <c>--version</c> printed) names exactly <paramref name="version"/>.</summary>
    public static bool PrintsVersion(string output, string version)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(version);
        var separators = new[] { ' ', '\t', '\n', '\r', ',', '(', ')', '"', '\'' };
        return output.Split(separators, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.TrimStart('v').TrimEnd('.', ':', ';'))
            .Any(word => string.Equals(word, version, StringComparison.Ordinal));
    }
}
