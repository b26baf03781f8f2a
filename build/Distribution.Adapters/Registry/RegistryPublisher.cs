using System.Collections.Immutable;
using Distribution.Adapters.Files;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// Publishes a verified bundle folder into a static registry folder: under the registry lock, plans first
/// (<see cref="RegistryPlanner"/>), refuses conflicts before writing anything, copies each new file by temp
/// file + rename (component archives, bundle files, the installers' content-addressed copies), writes
/// <c>index.json</c> with <see cref="AtomicFile"/>, and only then replaces the installers' convenience copies
/// (<c>installers/NAME</c>, which no index lists). No file an index lists is ever replaced, so a crash at any
/// moment leaves the previous index valid; a rerun completes the publish.
/// </summary>
public sealed class RegistryPublisher
{
    private readonly string root;
    private readonly Action<string> log;
    private readonly FaultInjection faults;
    private readonly Func<string, string> display;

    /// <param name="root">The registry folder (created when absent).</param>
    /// <param name="log">Receives one line per planned or taken step.</param>
    /// <param name="faults">The crash test hook (<see cref="FaultInjection.None"/> outside tests).</param>
    /// <param name="display">How paths appear in messages.</param>
    public RegistryPublisher(string root, Action<string> log, FaultInjection faults, Func<string, string>? display = null)
    {
        this.root = Path.GetFullPath(root);
        this.log = log;
        this.faults = faults;
        this.display = display ?? (path => path);
    }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The key and expiry publish signs with; null writes no signature (only tests of the file layout).</summary>
    public RegistrySigning? Signing { get; init; }

    /// <summary>Publishes (or, with <paramref name="dryRun"/>, prints what it would do and changes nothing).</summary>
    /// <param name="bundle">The verified bundle folder.</param>
    /// <param name="installers">The repository's installers folder (its files go to <c>installers/</c>); may be absent.</param>
    /// <param name="dryRun">Plan and print only.</param>
    /// <param name="cancellationToken">Cancels the publish (a later run resumes it).</param>
    public async Task<RegistryPlan> PublishAsync(BundleFolder bundle, string installers, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (dryRun)
        {
            var plan = await PlanAsync(bundle, installers, cancellationToken).ConfigureAwait(false);
            Print(plan, bundle, installers, dryRun: true);
            return plan;
        }

        using var registryLock = await RegistryLock.AcquireAsync(root, LockTimeout, log, cancellationToken).ConfigureAwait(false);
        RemoveTemporaryFiles();
        var actual = await PlanAsync(bundle, installers, cancellationToken).ConfigureAwait(false);
        Print(actual, bundle, installers, dryRun: false);
        foreach (var step in actual.Steps.Where(step => step.Action != RegistryAction.Keep && !step.AfterIndex))
        {
            await CopyAsync(
                SourcePath(step.Source, bundle, installers),
                Target(step.Source.Destination),
                step.Source.Digest,
                cancellationToken).ConfigureAwait(false);
        }

        if (Signing is { } signing)
        {
            await new RegistrySignatures(root, signing, log, display, faults)
                .SignAsync(bundle.Bundle.Id, actual, cancellationToken).ConfigureAwait(false);
        }
        else if (actual.IndexChanged)
        {
            faults.Step();
            await AtomicFile.WriteAllTextAsync(
                Target(BundleFiles.RegistryIndex), RegistryIndexJson.Render(actual.Next), cancellationToken).ConfigureAwait(false);
        }

        // The convenience copies (installers/NAME) last: the index never lists them, so neither index is ever wrong.
        foreach (var step in actual.Steps.Where(step => step.Action != RegistryAction.Keep && step.AfterIndex))
        {
            await CopyAsync(
                SourcePath(step.Source, bundle, installers),
                Target(step.Source.Destination),
                step.Source.Digest,
                cancellationToken).ConfigureAwait(false);
        }

        return actual;
    }

    /// <summary>Reads the index and what is on disk, and plans; throws the conflicts (PUB010) as one user error.</summary>
    public async Task<RegistryPlan> PlanAsync(BundleFolder bundle, string installers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var indexPath = Target(BundleFiles.RegistryIndex);
        var current = File.Exists(indexPath)
            ? RegistryIndexJson.Parse(await File.ReadAllTextAsync(indexPath, cancellationToken).ConfigureAwait(false), display(indexPath))
            : RegistryIndex.Empty;
        var installerDigests = new SortedDictionary<string, FileDigest>(StringComparer.Ordinal);
        if (Directory.Exists(installers))
        {
            foreach (var file in Directory.EnumerateFiles(installers).Where(file => !Path.GetFileName(file).StartsWith('.')))
            {
                installerDigests[Path.GetFileName(file)] = await FileHasher.HashFileAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }

        var sources = RegistryLayout.Sources(bundle.Bundle, bundle.Files, installerDigests);
        var onDisk = new Dictionary<string, FileDigest>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var target = Target(source.Destination);
            if (File.Exists(target))
            {
                onDisk[source.Destination] = await FileHasher.HashFileAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }

        var plan = RegistryPlanner.Plan(current, bundle.Bundle, sources, onDisk);
        if (Signing is { } signing)
        {
            plan = await new RegistrySignatures(root, signing, log, display, faults)
                .RenewAsync(plan, cancellationToken).ConfigureAwait(false);
        }

        if (!plan.Conflicts.IsEmpty)
        {
            throw new UserErrorException(plan.Conflicts.Select(conflict =>
                conflict with { Location = SourceLocation.InFile(display(Source(conflict.Location.File, bundle, installers, sources))) }));
        }

        return plan;
    }

    private static string Source(string name, BundleFolder bundle, string installers, ImmutableArray<RegistrySource> sources) =>
        sources.FirstOrDefault(source => source.Name == name) is { } source
            ? SourcePath(source, bundle, installers)
            : bundle.FilePath(name);

    private static string SourcePath(RegistrySource source, BundleFolder bundle, string installers) =>
        source.Kind is RegistrySourceKind.Installer or RegistrySourceKind.InstallerAlias
            ? Path.Combine(installers, source.Name)
            : bundle.FilePath(source.Name);

    /// <summary>Prints the steps in the order they are taken: the files, the index, then the convenience copies.</summary>
    private void Print(RegistryPlan plan, BundleFolder bundle, string installers, bool dryRun)
    {
        var prefix = dryRun ? "dry run: would " : string.Empty;
        foreach (var step in plan.Steps.Where(step => !step.AfterIndex))
        {
            PrintStep(step, prefix, bundle, installers);
        }

        var index = display(Target(BundleFiles.RegistryIndex));
        log(plan.IndexChanged
            ? $"{prefix}write {index} (serial {plan.Current.Serial} -> {plan.Next.Serial}; channels {Channels(plan.Next)})"
            : $"keep {index} (serial {plan.Current.Serial}: {(plan.ChangesAnything ? "unchanged" : "nothing changed")})");
        foreach (var step in plan.Steps.Where(step => step.AfterIndex))
        {
            PrintStep(step, prefix, bundle, installers);
        }
    }

    private void PrintStep(RegistryStep step, string prefix, BundleFolder bundle, string installers)
    {
        var source = SourcePath(step.Source, bundle, installers);
        var target = display(Target(step.Source.Destination));
        log(step.Action switch
        {
            RegistryAction.Copy => $"{prefix}copy {display(source)} -> {target} "
                + $"({step.Source.Digest.Size} bytes, sha256 {step.Source.Digest.Sha256})",
            RegistryAction.Replace => $"{prefix}replace {target} with {display(source)} "
                + $"({step.Source.Digest.Size} bytes, sha256 {step.Source.Digest.Sha256})",
            _ => $"keep {target} (same bytes already published)",
        });
    }

    private static string Channels(RegistryIndex index) =>
        index.Channels.Count == 0 ? "none" : string.Join(", ", index.Channels.Select(pair => $"{pair.Key} -> {pair.Value}"));

    private string Target(string relative) =>
        ContainedPath.Under(root, relative.Replace('/', Path.DirectorySeparatorChar), "registry file");

    private async Task CopyAsync(string source, string target, FileDigest expected, CancellationToken cancellationToken)
    {
        faults.Step();
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    output.Flush(flushToDisk: true);
                }
            }

            var copied = await FileHasher.HashFileAsync(temporary, cancellationToken).ConfigureAwait(false);
            if (copied != expected)
            {
                throw UserErrorException.At(
                    SourceLocation.InFile(display(source)),
                    DiagnosticCodes.Publishing.DigestMismatch,
                    $"'{Path.GetFileName(source)}' changed while it was published: expected "
                        + $"sha256 {expected.Sha256}, copied sha256 {copied.Sha256}",
                    "leave the bundle folder alone during a publish and run again");
            }

            faults.Step();
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Deletes the temporary files (<c>.NAME.PID.GUID.tmp</c>) a killed publish left behind; called under the lock.</summary>
    private void RemoveTemporaryFiles()
    {
        foreach (var file in Directory.EnumerateFiles(root, ".*.tmp", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
    }
}
