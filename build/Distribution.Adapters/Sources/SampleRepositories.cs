using System.Collections.Immutable;
using System.Security.Cryptography;
using Distribution.Adapters.Files;
using Distribution.Adapters.Git;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;
using Distribution.Core.Toml;

namespace Distribution.Adapters.Sources;

/// <summary>
/// The stand-in component repositories: <c>samples/NAME/history.toml</c> plus <c>samples/NAME/files/</c>, turned
/// into a bare repository by <c>git fast-import</c> (<see cref="FastImportScript"/>). The result is the same on every
/// machine; a stamp (the SHA-256 of the import stream) beside the objects tells when the sources changed and the
/// repository must be generated again.
/// </summary>
public sealed class SampleRepositories
{
    public const string StampFile = "provisioning-sample.sha256";
    private readonly GitCli git;

    public SampleRepositories(string samplesFolder, string outputFolder, GitCli git)
    {
        SamplesFolder = samplesFolder;
        OutputFolder = outputFolder;
        this.git = git;
    }

    /// <summary>Where the sources are (<c>samples/</c>).</summary>
    public string SamplesFolder { get; }

    /// <summary>Where the generated repositories go (<c>.cache/samples/</c>).</summary>
    public string OutputFolder { get; }

    /// <summary>The names of the samples (folders of <see cref="SamplesFolder"/> with a history.toml), sorted.</summary>
    public ImmutableArray<string> Names =>
        Directory.Exists(SamplesFolder)
            ? [.. Directory.EnumerateDirectories(SamplesFolder)
                .Where(folder => File.Exists(Path.Combine(folder, "history.toml")))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)]
            : [];

    public string PathOf(string name) => Path.Combine(OutputFolder, name + ".git");

    /// <summary>True when the generated repository exists and matches its sources.</summary>
    public async Task<bool> IsCurrentAsync(string name, CancellationToken cancellationToken)
    {
        var stamp = Path.Combine(PathOf(name), StampFile);
        if (!File.Exists(stamp))
        {
            return false;
        }

        var script = await ScriptAsync(name, cancellationToken).ConfigureAwait(false);
        return (await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false)).Trim() == Hash(script);
    }

    /// <summary>The bare repository of sample <paramref name="name"/>, generated when missing or out of date.</summary>
    public async Task<string> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        var destination = PathOf(name);
        var script = await ScriptAsync(name, cancellationToken).ConfigureAwait(false);
        var stamp = Path.Combine(destination, StampFile);
        if (File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false)).Trim() == Hash(script))
        {
            return destination;
        }

        await GenerateAsync(name, script, destination, cancellationToken).ConfigureAwait(false);
        return destination;
    }

    /// <summary>
    /// Generates sample <paramref name="name"/> into <paramref name="destination"/>
    /// (replacing it), built in a temporary folder and renamed into place.
    /// </summary>
    public async Task GenerateAsync(string name, string destination, CancellationToken cancellationToken) =>
        await GenerateAsync(
            name, await ScriptAsync(name, cancellationToken).ConfigureAwait(false), destination, cancellationToken).ConfigureAwait(false);

    /// <summary>The sample's history, read from its history.toml.</summary>
    public async Task<SampleHistory> HistoryAsync(string name, CancellationToken cancellationToken)
    {
        var file = Path.Combine(SamplesFolder, name, "history.toml");
        if (!File.Exists(file))
        {
            var known = Names;
            throw UserErrorException.Of(
                DiagnosticCodes.Sources.UnknownSample,
                $"there is no sample repository '{name}' ({file} is missing)",
                known.IsEmpty ? "restore the samples/ folder" : $"use one of: {string.Join(", ", known.Select(item => "sample:" + item))}");
        }

        var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        var display = Path.Combine("samples", name, "history.toml").Replace('\\', '/');
        try
        {
            return SampleHistoryReader.Read(TomlParser.Parse(bytes, display), display);
        }
        catch (TomlException exception)
        {
            throw new UserErrorException(exception.Diagnostic);
        }
    }

    private async Task<byte[]> ScriptAsync(string name, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(name, cancellationToken).ConfigureAwait(false);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var path in history.SourceFiles)
        {
            var full = Path.Combine(SamplesFolder, name, "files", path);
            if (File.Exists(full))
            {
                files[path] = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
            }
        }

        return FastImportScript.Render(history, files, Path.Combine("samples", name, "history.toml").Replace('\\', '/'));
    }

    private async Task GenerateAsync(string name, byte[] script, string destination, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(name, cancellationToken).ConfigureAwait(false);
        var parent = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await git.RunCheckedAsync(
                null,
                ["init", "--quiet", "--bare", "--initial-branch=" + history.MainBranch, temporary],
                cancellationToken).ConfigureAwait(false);
            await git.RunCheckedAsync(temporary, ["fast-import", "--quiet", "--done"], cancellationToken, script).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(
                Path.Combine(temporary, StampFile), Hash(script) + "\n", cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(destination))
            {
                Directory.Delete(destination, recursive: true);
            }

            Directory.Move(temporary, destination);
        }
        catch (IOException) when (File.Exists(Path.Combine(destination, StampFile)))
        {
            // Another process generated it at the same time: the same sources give the same repository.
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static string Hash(byte[] script) => Convert.ToHexStringLower(SHA256.HashData(script));
}
