using System.Collections.Immutable;
using Distribution.Adapters.Files;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// A bundle folder (<c>artifacts/bundles/BUNDLE/</c>, docs/formats.md) read and verified: every file is checked
/// against SHA256SUMS and every archive against bundle.json before anything is published.
/// </summary>
public sealed record BundleFolder(string Path, BundleManifest Bundle, ImmutableSortedDictionary<string, FileDigest> Files, string Notes)
{
    /// <summary>Files published with the bundle that live elsewhere (the registry's bundle.json.sig), by name.</summary>
    public ImmutableSortedDictionary<string, string> Elsewhere { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public string FilePath(string name) => Elsewhere.TryGetValue(name, out var path) ? path : System.IO.Path.Combine(Path, name);

    /// <summary>The same folder with one more file to release (a release asset, not a registry file of the bundle).</summary>
    public BundleFolder WithExtraFile(string name, string path, FileDigest digest) =>
        this with { Files = Files.SetItem(name, digest), Elsewhere = Elsewhere.SetItem(name, path) };

    /// <summary>Reads and verifies the folder; every problem found is reported at once (PUB001–PUB005).</summary>
    /// <param name="path">The bundle folder.</param>
    /// <param name="display">How paths appear in messages (relative to the repository).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<BundleFolder> LoadAsync(string path, Func<string, string> display, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(display);
        if (!Directory.Exists(path))
        {
            throw UserErrorException.Of(
                DiagnosticCodes.Publishing.BundleFileMissing,
                $"no bundle folder '{display(path)}'",
                "create the bundle first: ./build.sh --target=CreateBundle (or pass --bundle=NAME)");
        }

        var manifestPath = System.IO.Path.Combine(path, BundleFiles.Manifest);
        var sumsPath = System.IO.Path.Combine(path, BundleFiles.Sums);
        foreach (var needed in new[] { manifestPath, sumsPath })
        {
            if (!File.Exists(needed))
            {
                throw UserErrorException.At(
                    SourceLocation.InFile(display(needed)),
                    DiagnosticCodes.Publishing.BundleFileMissing,
                    $"the bundle folder has no {System.IO.Path.GetFileName(needed)}",
                    "create the bundle again: ./build.sh --target=CreateBundle");
            }
        }

        var bundle = BundleManifest.Read(
            await File.ReadAllTextAsync(manifestPath, cancellationToken).ConfigureAwait(false),
            display(manifestPath),
            DiagnosticCodes.Publishing.BadBundleManifest);
        var sums = Sha256Sums.Parse(await File.ReadAllTextAsync(sumsPath, cancellationToken).ConfigureAwait(false), display(sumsPath));
        var problems = new List<Diagnostic>();
        var present = Directory.EnumerateFiles(path)
            .Select(System.IO.Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.StartsWith('.') && name != BundleFiles.Sums)
            .ToImmutableSortedSet(StringComparer.Ordinal);
        var required = RegistryLayout.BundleFileNames(bundle)
            .Where(name => name != BundleFiles.Sums)
            .Concat(bundle.Artifacts.Select(artifact => artifact.Name));
        foreach (var name in required.Where(name => !present.Contains(name)))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Publishing.BundleFileMissing,
                $"'{name}' is missing from the bundle folder",
                "create the bundle again: ./build.sh --target=CreateBundle",
                SourceLocation.InFile(display(System.IO.Path.Combine(path, name)))));
        }

        foreach (var name in sums.Keys.Where(name => !present.Contains(name)).Except(required, StringComparer.Ordinal))
        {
            problems.Add(Diagnostic.Error(
                DiagnosticCodes.Publishing.BundleFileMissing,
                $"'{name}' is listed in SHA256SUMS but missing from the bundle folder",
                "create the bundle again: ./build.sh --target=CreateBundle",
                SourceLocation.InFile(display(sumsPath))));
        }

        var files = ImmutableSortedDictionary.CreateBuilder<string, FileDigest>(StringComparer.Ordinal);
        var artifacts = bundle.Artifacts
            .DistinctBy(item => item.Name, StringComparer.Ordinal)
            .ToDictionary(item => item.Name, StringComparer.Ordinal);

        foreach (var name in present)
        {
            var file = System.IO.Path.Combine(path, name);
            var digest = await FileHasher.HashFileAsync(file, cancellationToken).ConfigureAwait(false);
            if (!sums.TryGetValue(name, out var listed))
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Publishing.StrayFile,
                    $"'{name}' is in the bundle folder but not in SHA256SUMS",
                    "remove the stray file, or create the bundle again",
                    SourceLocation.InFile(display(file))));
                continue;
            }

            if (listed != digest.Sha256)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Publishing.DigestMismatch,
                    $"'{name}' does not match SHA256SUMS: SHA256SUMS says sha256 {listed}, the file has sha256 {digest.Sha256}",
                    "the file was changed or damaged after the bundle was made: create the bundle again",
                    SourceLocation.InFile(display(file))));
                continue;
            }

            var artifact = artifacts.GetValueOrDefault(name);
            if (artifact is not null && artifact.Digest != digest)
            {
                problems.Add(Diagnostic.Error(
                    DiagnosticCodes.Publishing.DigestMismatch,
                    $"'{name}' does not match bundle.json: bundle.json says sha256 {artifact.Sha256} "
                        + $"({artifact.Size} bytes), the file has sha256 {digest.Sha256} ({digest.Size} bytes)",
                    "create the bundle again",
                    SourceLocation.InFile(display(file))));
                continue;
            }

            files[name] = digest;
        }

        if (problems.Count > 0)
        {
            throw new UserErrorException(problems);
        }

        files[BundleFiles.Sums] = await FileHasher.HashFileAsync(sumsPath, cancellationToken).ConfigureAwait(false);
        var notes = await File.ReadAllTextAsync(System.IO.Path.Combine(path, BundleFiles.Notes), cancellationToken).ConfigureAwait(false);
        return new BundleFolder(System.IO.Path.GetFullPath(path), bundle, files.ToImmutable(), notes);
    }

    public bool Equals(BundleFolder? other) =>
        other is not null && Path == other.Path && Bundle.Equals(other.Bundle) && Files.SequenceEqual(other.Files) && Notes == other.Notes;

    public override int GetHashCode() => HashCode.Combine(Path, Bundle.Id);
}
