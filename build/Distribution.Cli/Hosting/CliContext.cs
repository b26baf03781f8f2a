using Distribution.Adapters.Files;
using Distribution.Cli.Output;
using Distribution.Pipeline;

namespace Distribution.Cli.Hosting;

/// <summary>What every command gets: where the repository is, how to talk to the user, and whether this is GitHub Actions.</summary>
public sealed record CliContext(RepositoryPaths Paths, IReporter Reporter, bool GitHubActions)
{
    /// <summary>What the phases get of it: the repository and the reporter.</summary>
    public PhaseContext Phase => new(Paths, Reporter);

    /// <summary>A verb hands its context to a phase as it is.</summary>
    public static implicit operator PhaseContext(CliContext context) => context?.Phase ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The named form of the conversion to <see cref="PhaseContext"/>.</summary>
    public PhaseContext ToPhaseContext() => Phase;

    public static CliContext FromEnvironment()
    {
        var gitHubActions = string.Equals(Environment.GetEnvironmentVariable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);
        var ci = gitHubActions || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var masker = SecretMasker.FromEnvironment();
        IReporter reporter = ci || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("PROVISIONING_DIST_PLAIN") == "1"
            ? new PlainReporter(
                masker, Console.Out, Console.Error, gitHubActions, Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY"))
            : new ConsoleReporter(masker);
        return new CliContext(RepositoryPaths.Find(), reporter, gitHubActions);
    }
}
