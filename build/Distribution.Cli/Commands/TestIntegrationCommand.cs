using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Cli.Installing;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;
using NuGet.Versioning;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>test-integration --core 3.3.0 --platform 2.6.0 [--workspace V] [--ext NAME=V]… [--bundle NAME --registry DIR]</c>:
/// an ad-hoc combination of components, installed and smoke-tested. Building the combination needs CreateBundle
/// (branch packaging) and the range checks (branches versions/sources); until they are merged the verb tests a
/// combination already built and published (<c>--bundle</c>) and checks that it holds exactly the requested versions.
/// </summary>
public sealed class TestIntegrationCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var core = new Option<string?>("--core") { Description = "The core version." };
        var platform = new Option<string?>("--platform") { Description = "The platform version." };
        var workspace = new Option<string?>("--workspace") { Description = "The workspace templates version." };
        var extensions = new Option<string[]>("--ext") { Description = "An extension as NAME=VERSION (repeatable).", AllowMultipleArgumentsPerToken = true };
        var bundle = new Option<string?>("--bundle") { Description = "A published bundle holding the combination (until CreateBundle builds it here)." };
        var registry = new Option<string?>("--registry") { Description = "The registry folder (default: artifacts/registry)." };
        var command = new Command("test-integration", "Install and smoke-test an ad-hoc combination of component versions.") { core, platform, workspace, extensions, bundle, registry };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var wanted = new SortedDictionary<string, string>(StringComparer.Ordinal);
            Add(wanted, "core", parse.GetValue(core));
            Add(wanted, "platform", parse.GetValue(platform));
            Add(wanted, "workspace", parse.GetValue(workspace));
            foreach (var extension in parse.GetValue(extensions) ?? [])
            {
                var parts = extension.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw UserErrorException.Of("INS040", $"'--ext {extension}' is not NAME=VERSION", "write --ext mongodb=1.2.0");
                }

                Add(wanted, "ext-" + parts[0], parts[1]);
            }

            if (wanted.Count == 0)
            {
                throw UserErrorException.Of("INS041", "no component version given", "give at least one of --core, --platform, --workspace, --ext NAME=VERSION");
            }

            var name = parse.GetValue(bundle)
                ?? throw UserErrorException.Of("INS042", "building an ad-hoc combination needs CreateBundle (branch packaging) and the range checks (branches versions and sources), which this build does not have yet", "build and publish the combination, then run test-integration with --bundle=NAME --registry=DIR");

            var session = BundleTestSession.Start(context, parse.GetValue(registry));
            await using (session.ConfigureAwait(false))
            {
                var manifest = session.Manifest(name);
                var mismatches = wanted.Where(pair => manifest.VersionOf(pair.Key) != pair.Value).ToList();
                if (mismatches.Count > 0)
                {
                    throw new UserErrorException(mismatches.Select(pair => Diagnostic.Error("INS043", $"bundle {name} has {pair.Key} {manifest.VersionOf(pair.Key) ?? "(none)"}, not the requested {pair.Value}", "give the versions the bundle holds, or build the combination")));
                }

                await session.InstallAsync(name, token).ConfigureAwait(false);
                var results = await session.SmokeAsync(manifest, token).ConfigureAwait(false);
                session.Report($"TestIntegration {string.Join(' ', wanted.Select(pair => $"{pair.Key}@{pair.Value}"))}", results);
                context.Reporter.Success($"{name}: {results.Length} smoke check(s) passed on {session.Target}");
                return CommandRunner.Ok;
            }
        }, cancellationToken));
        return command;
    }

    private static void Add(SortedDictionary<string, string> wanted, string component, string? version)
    {
        if (version is null)
        {
            return;
        }

        if (!NuGetVersion.TryParse(version, out var parsed))
        {
            throw UserErrorException.Of("INS044", $"'{version}' is not a version for {component}", "write a SemVer version such as 3.3.0");
        }

        wanted[component] = parsed.ToNormalizedString();
    }
}
