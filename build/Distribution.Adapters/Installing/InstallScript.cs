using System.Collections.Immutable;
using Distribution.Adapters.Processes;

namespace Distribution.Adapters.Installing;

/// <summary>Runs installers/install.sh (with <c>sh</c>) as users do, non-interactively.</summary>
public sealed record InstallScript(string ScriptPath)
{
    public Task<ProcessResult> InstallAsync(
        string registry, string prefix, IEnumerable<string> selection, CancellationToken cancellationToken) =>
        RunAsync(["--registry", registry, "--prefix", prefix, "--yes", .. selection], cancellationToken);

    public Task<ProcessResult> UninstallAsync(string prefix, CancellationToken cancellationToken) =>
        RunAsync(["--uninstall", "--prefix", prefix, "--yes"], cancellationToken);

    private Task<ProcessResult> RunAsync(ImmutableArray<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            new ProcessSpec("sh", [ScriptPath, .. arguments])
            {
                Environment = ImmutableDictionary<string, string?>.Empty
                    .Add("PROVISIONING_REGISTRY", null)
                    .Add("PROVISIONING_PREFIX", null),
            },
            cancellationToken);
}
