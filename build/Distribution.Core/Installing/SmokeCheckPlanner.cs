using System.Collections.Immutable;

namespace Distribution.Core.Installing;

/// <summary>
/// Decides how each installed component of a bundle is checked: the core CLI through nu
/// (<c>bin/provisioning --version</c>), every program the platform archive put in <c>bin/</c>
/// (<c>--version</c>), and the presence of extensions and templates under <c>share/provisioning/</c>.
/// Versions are the ones bundle.json gives.
/// </summary>
public static class SmokeCheckPlanner
{
    public const string CoreProgram = "bin/provisioning";
    public const string SharePrefix = "share/provisioning/";

    public static ImmutableArray<SmokeCheck> Plan(BundleManifest manifest, string hostTarget, IReadOnlyDictionary<string, InstallReceipt> receipts)
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
                    checks.Add(new SmokeCheck(component, version, SmokeCheckKind.RunVersion, "nu", CoreProgram, files));
                    break;
                case "platform":
                    var programs = files.Where(file => file.StartsWith("bin/", StringComparison.Ordinal)).ToImmutableArray();
                    if (programs.IsEmpty)
                    {
                        // Nothing to run: still check that something was installed, so an empty archive fails.
                        checks.Add(new SmokeCheck(component, version, SmokeCheckKind.RunVersion, null, "bin/provisioning-orchestrator", files));
                    }

                    checks.AddRange(programs.Select(program => new SmokeCheck(component, version, SmokeCheckKind.RunVersion, null, program, files)));
                    break;
                default:
                    checks.Add(new SmokeCheck(component, version, SmokeCheckKind.Present, null, SharePrefix, [.. files.Where(file => file.StartsWith(SharePrefix, StringComparison.Ordinal))]));
                    break;
            }
        }

        return checks.ToImmutable();
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
