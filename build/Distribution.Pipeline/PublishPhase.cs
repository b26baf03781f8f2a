using System.Globalization;
using Distribution.Adapters.Files;
using Distribution.Adapters.GitHub;
using Distribution.Adapters.Registry;
using Distribution.Adapters.Signing;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;

namespace Distribution.Pipeline;

/// <summary>
/// The publish phase: publishes a bundle folder into the static registry, then (with
/// <see cref="PublishRequest.GitHubRepository"/>) as a GitHub release. Resumable and idempotent; see docs/publishing.md.
/// </summary>
public sealed class PublishPhase(PhaseContext context)
{
    public const string RetryDelayVariable = "PROVISIONING_DIST_RETRY_DELAY_MS";

    public async Task RunAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var paths = context.Paths;
        var reporter = context.Reporter;
        var dryRun = request.DryRun;
        var repository = request.GitHubRepository;
        if (repository is not null && !IsRepository(repository))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.BadGitHubOption,
                $"--github-repo '{repository}' is not OWNER/NAME",
                "pass the repository as OWNER/NAME, e.g. --github-repo=acme/provisioning");
        }

        // Check the GitHub settings before anything is published, so a missing token fails fast.
        var gitHub = repository is not null && !dryRun ? Options(repository) : null;
        var bundlePath = FindBundle(paths.Artifacts, paths.Root, request.Bundle, paths.Display);
        var bundle = await BundleFolder.LoadAsync(bundlePath, paths.Display, cancellationToken).ConfigureAwait(false);
        if (bundle.Bundle.IsPartial && !request.AllowPartial)
        {
            throw UserErrorException.At(
                SourceLocation.InFile(paths.Display(Path.Combine(bundle.Path, Core.Contract.BundleFiles.Manifest))),
                DiagnosticCodes.Publishing.PartialBundle,
                $"bundle {bundle.Bundle.Id} is partial and is never published: "
                    + $"it lacks {string.Join("; ", bundle.Bundle.MissingByTarget())}",
                "build every target: ./build.sh --target=CreateBundle without --targets, or AssembleBundle with every target's shard");
        }

        var sbomPath = bundle.FilePath(BundleSbom.FileName);
        if (!BundleSbom.Describes(await File.ReadAllTextAsync(sbomPath, cancellationToken).ConfigureAwait(false), bundle.Bundle))
        {
            throw UserErrorException.At(
                SourceLocation.InFile(paths.Display(sbomPath)),
                DiagnosticCodes.Publishing.SbomMismatch,
                $"{BundleSbom.FileName} is not the SBOM of this bundle.json (bundle {bundle.Bundle.Id})",
                "it was changed or comes from another bundle: create the bundle again (CreateBundle or AssembleBundle)");
        }

        reporter.Info($"bundle {bundle.Bundle.Id} ({paths.Display(bundle.Path)}): "
            + $"{bundle.Files.Count} files verified against bundle.json and SHA256SUMS");

        var registry = Path.GetFullPath(Path.Combine(paths.Root, request.Registry ?? Path.Combine("artifacts", "registry")));
        var faults = FaultInjection.FromEnvironment();
        using var key = await SigningKeys
            .ResolveAsync(Environment.GetEnvironmentVariable, context.CacheFolder, reporter.Info, dryRun, cancellationToken)
            .ConfigureAwait(false);
        if (key.IsDevelopment && repository is not null)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.DevelopmentKeyForRelease,
                $"a release (--github-repo {repository}) is never signed with the development key {paths.Display(key.Source)}",
                $"set {SigningKeys.KeyVariable} (or {SigningKeys.KeyFileVariable}) to the release key made by 'provisioning-dist keygen' "
                + "(docs/publishing.md#signing)");
        }

        using var previous = await SigningKeys.PreviousAsync(Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
        var validDays = request.IndexValidDays ?? IndexRenewal.DefaultValidDays;
        if (validDays < 1)
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.BadSigningKey,
                $"--index-valid-days {validDays} is not a positive number of days",
                $"give at least 1 (default {IndexRenewal.DefaultValidDays})");
        }

        var installers = Directory.CreateTempSubdirectory("provisioning-installers-").FullName;
        RegistryPlan plan;
        try
        {
            await SignedInstallers.WriteAsync(paths.Installers, installers, key.PublicKeyPem, cancellationToken).ConfigureAwait(false);
            var adopt = Environment.GetEnvironmentVariable(SigningKeys.AdoptIndexVariable) == "1";
            var signing = new RegistrySigning(key, previous, validDays, DateTimeOffset.UtcNow, adopt);
            plan = await new RegistryPublisher(registry, reporter.Info, faults, paths.Display) { Signing = signing }
                .PublishAsync(bundle, installers, dryRun, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(installers, recursive: true);
        }

        var signatureName = RegistryLayout.Signature(BundleFiles.Manifest);
        var manifestSignature = Path.Combine(registry, "bundles", bundle.Bundle.Id, signatureName);
        if (File.Exists(manifestSignature))
        {
            var digest = await FileHasher.HashFileAsync(manifestSignature, cancellationToken).ConfigureAwait(false);
            bundle = bundle.WithExtraFile(signatureName, manifestSignature, digest);
        }
        var registryLine = plan.ChangesAnything
            ? $"registry {paths.Display(registry)}: serial {plan.Next.Serial}"
            : $"registry {paths.Display(registry)}: unchanged (serial {plan.Next.Serial})";

        var releaseLine = string.Empty;
        if (repository is not null)
        {
            var tag = request.ReleaseTag ?? bundle.Bundle.Id;
            if (dryRun)
            {
                foreach (var line in GitHubReleasePublisher.DryRunRequests(repository, tag, bundle))
                {
                    reporter.Info($"dry run: would send {line}");
                }
            }
            else
            {
                using var client = new GitHubClient(gitHub!, reporter.Info);
                var result = await new GitHubReleasePublisher(client, reporter.Info, faults).PublishAsync(
                    bundle, tag, cancellationToken).ConfigureAwait(false);
                releaseLine = $"; GitHub release {repository}@{result.Release.TagName} (id "
                    + $"{result.Release.Id}) {(result.Changed ? "published" : "unchanged")}";
            }
        }

        if (dryRun)
        {
            reporter.Success("dry run: nothing was changed and no request was sent");
            return;
        }

        reporter.Success(registryLine + releaseLine);
        reporter.StepSummary($"### Publish {bundle.Bundle.Id}\n\n{registryLine}{releaseLine}\n");
    }

    private static string FindBundle(string artifacts, string root, string? given, Func<string, string> display)
    {
        var bundles = Path.Combine(artifacts, "bundles");
        if (given is not null)
        {
            return given.Contains('/', StringComparison.Ordinal) || given.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? Path.GetFullPath(Path.Combine(root, given))
                : Path.Combine(bundles, given);
        }

        var found = Directory.Exists(bundles)
            ? Directory.EnumerateDirectories(bundles)
                .Where(folder => File.Exists(Path.Combine(folder, "bundle.json")))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
        return found.Count switch
        {
            1 => found[0],
            0 => throw UserErrorException.Of(
                DiagnosticCodes.Publishing.NoSingleBundle,
                $"no bundle in {display(bundles)}",
                "create one first: ./build.sh --target=CreateBundle (or pass --bundle=PATH)"),
            _ => throw UserErrorException.Of(
                DiagnosticCodes.Publishing.NoSingleBundle,
                $"{found.Count} bundles in {display(bundles)} ({string.Join(", ", found.Select(Path.GetFileName))})",
                "choose one with --bundle=NAME"),
        };
    }

    /// <summary>Each component id's repository as versions.toml names it (none when it is absent or unreadable).</summary>
    private static bool IsRepository(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 2
            && parts.All(part => part.Length > 0
                && part.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.'));
    }

    private static GitHubClientOptions Options(string repository)
    {
        var token = GitHubToken.FromEnvironment(Environment.GetEnvironmentVariable)
            ?? throw UserErrorException.Of(
                DiagnosticCodes.Publishing.NoToken,
                "GITHUB_TOKEN is not set, and publishing a release needs it",
                "set GITHUB_TOKEN to a token with contents: write on the repository (or drop --github-repo to publish the registry only)");

        var api = Environment.GetEnvironmentVariable("GITHUB_API_URL");
        Uri apiUrl;
        if (string.IsNullOrEmpty(api))
        {
            apiUrl = GitHubClientOptions.DefaultApiUrl;
        }
        else if (!Uri.TryCreate(api, UriKind.Absolute, out apiUrl!)
            || (apiUrl.Scheme != Uri.UriSchemeHttps && apiUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.BadGitHubOption,
                $"GITHUB_API_URL '{api}' is not an http(s) URL",
                "set it to the API root, e.g. https://github.example.com/api/v3, or unset it for github.com");
        }

        var options = new GitHubClientOptions(apiUrl, repository, token);
        if (int.TryParse(
            Environment.GetEnvironmentVariable(RetryDelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            options = options with { RetryBaseDelay = TimeSpan.FromMilliseconds(milliseconds) };
        }

        return options;
    }
}
