using System.CommandLine;
using Distribution.Cli.Hosting;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>publish [--bundle NAME|PATH] [--registry DIR] [--github-repo OWNER/NAME] [--release-tag TAG] [--index-valid-days N] [--dry-run]</c>:
/// the <see cref="PublishPhase"/>: publishes a bundle folder into the static registry, then (with --github-repo) as a GitHub release.
/// Resumable and idempotent; see docs/publishing.md.
/// </summary>
public sealed class PublishCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bundleOption = new Option<string?>("--bundle")
        {
            Description = "The bundle to publish: a folder name under artifacts/bundles, or a path (default: the only bundle there)."
        };
        var registryOption = new Option<string?>("--registry") { Description = "The registry folder (default artifacts/registry)." };
        var repositoryOption = new Option<string?>("--github-repo")
        {
            Description = "Also publish a GitHub release in OWNER/NAME (token from GITHUB_TOKEN, API from GITHUB_API_URL)."
        };
        var tagOption = new Option<string?>("--release-tag") { Description = "The release's tag (default: the bundle id)." };
        var validDaysOption = new Option<int?>("--index-valid-days")
        {
            Description = "Days until an index written now expires (default 180); installers refuse an expired index.",
        };
        var dryRunOption = new Option<bool>("--dry-run")
        {
            Description = "Print every copy, the index change and every HTTP request; change nothing and send nothing."
        };
        var command = new Command(
            "publish", "Publish a bundle into the static registry and (with --github-repo) GitHub Releases; resumable and idempotent.")
        {
            bundleOption, registryOption, repositoryOption, tagOption, validDaysOption, dryRunOption,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var request = new PublishRequest(
                parse.GetValue(bundleOption),
                parse.GetValue(registryOption),
                parse.GetValue(repositoryOption),
                parse.GetValue(tagOption),
                parse.GetValue(dryRunOption),
                parse.GetValue(validDaysOption));
            await new PublishPhase(context).RunAsync(request, token).ConfigureAwait(false);
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
