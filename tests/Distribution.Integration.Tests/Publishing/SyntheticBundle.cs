using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Distribution.Core.Contract;
using Distribution.Core.Model;
using NuGet.Versioning;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>
/// Builds bundle folders exactly as docs/formats.md describes CreateBundle's output (bundle.json, SHA256SUMS,
/// RELEASE_NOTES.md, bundle.cdx.json, the meta-package and component archives), from deterministic .tar.gz files whose contents
/// follow <c>seed</c>: the same arguments give the same bytes, another seed other bytes under the same names.
/// </summary>
internal static class SyntheticBundle
{
    public static readonly (string Component, string Version, string Target)[] DefaultComponents =
    [
        ("core", "3.2.1", "noarch"),
        ("platform", "3.2.0", "linux-x64"),
        ("ext-mongodb", "1.2.0", "noarch"),
    ];

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Creates <c>PARENT/ID/</c> and returns its path.</summary>
    public static string Create(
        string parent,
        string id = "stable-3.2",
        string kind = "stable",
        string? releaseDate = "2025-10-15",
        string seed = "a",
        IReadOnlyList<(string Component, string Version, string Target)>? components = null)
    {
        var folder = Path.Combine(parent, id);
        Directory.CreateDirectory(folder);
        var artifacts = new List<(string Component, string Version, string Target, string Name, long Size, string Sha256)>();
        foreach (var (component, version, target) in components ?? DefaultComponents)
        {
            var name = ArchiveName(component, version, target);
            var bytes = Archive([
                ($"share/provisioning/{component}/VERSION", $"{component} {version} {target} {seed}\n"),
                ($"bin/{component}", $"#!/bin/sh\necho {component} {version}\n")]);
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            artifacts.Add((component, version, target, name, bytes.Length, Sha256(bytes)));
        }

        var list = components ?? DefaultComponents;
        var versions = list.Select(item => item.Component).Distinct()
            .Select(component => (Id: Id(component), Version: NuGetVersion.Parse(list.First(item => item.Component == component).Version)))
            .ToList();
        var spec = new BundleSpec(
            id,
            Title(id),
            Enum.Parse<BundleKind>(kind, ignoreCase: true),
            releaseDate is null ? null : DateOnly.ParseExact(releaseDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            null,
            [.. versions.Select(item => new BundleComponent(item.Id, item.Version))]);
        var manifestComponents = versions.Select(item =>
        {
            var version = item.Version.ToNormalizedString();
            var tag = item.Id.Kind == ComponentKind.Extension ? $"{item.Id.Name}/v{version}" : $"v{version}";
            return new ManifestComponent(item.Id, item.Version, tag, new string('1', 40), new string('2', 40));
        });
        var bundle = new BundleManifest(spec, [.. manifestComponents], [])
            .WithArtifacts(artifacts.Select(item =>
                new ArtifactRecord(Id(item.Component), NuGetVersion.Parse(item.Version), item.Target, item.Name, item.Size, item.Sha256)));
        var manifest = bundle.Render();
        File.WriteAllText(Path.Combine(folder, "bundle.json"), manifest, Utf8);
        var notes = $"# {Title(id)}\n\nReleased {releaseDate ?? "(undated)"}. Seed {seed}.\n";
        File.WriteAllText(Path.Combine(folder, "RELEASE_NOTES.md"), notes, Utf8);
        var sbom = BundleSbom.Render(bundle, new Dictionary<string, string>());
        File.WriteAllText(Path.Combine(folder, BundleSbom.FileName), sbom, Utf8);
        File.WriteAllBytes(
            Path.Combine(folder, $"provisioning-bundle-{id}.tar.gz"),
            Archive([("bundle.json", manifest), ("RELEASE_NOTES.md", notes), (BundleSbom.FileName, sbom)]));
        WriteSums(folder);
        return folder;
    }

    /// <summary>Writes SHA256SUMS again for every other file of the folder (after a test changed one on purpose).</summary>
    public static void WriteSums(string folder)
    {
        var lines = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name != "SHA256SUMS" && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(name => $"{Sha256(File.ReadAllBytes(Path.Combine(folder, name)))}  {name}\n");
        File.WriteAllText(Path.Combine(folder, "SHA256SUMS"), string.Concat(lines), Utf8);
    }

    /// <summary>A folder of stand-in installers (install.sh, install.nu, install.ps1).</summary>
    public static string Installers(string parent, string flavour = "1")
    {
        var folder = Path.Combine(parent, "installers");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "install.nu", "install.ps1", "install.sh" })
        {
            File.WriteAllText(Path.Combine(folder, name), $"# {name} v{flavour}\n", Utf8);
        }

        return folder;
    }

    public static string ArchiveName(string component, string version, string target) => component switch
    {
        "core" => $"provisioning-core-{version}.tar.gz",
        "platform" => $"provisioning-platform-{version}-{target}.tar.gz",
        "workspace" => $"provisioning-templates-{version}.tar.gz",
        _ => $"provisioning-{component}-{version}.tar.gz",
    };

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ComponentId Id(string component) => ComponentId.TryParse(component) ?? throw new ArgumentException(component);

    private static string Title(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? id : $"{char.ToUpperInvariant(id[0])}{id[1..dash]} {id[(dash + 1)..]} Bundle";
    }

    private static byte[] Archive(IEnumerable<(string Path, string Text)> files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
                {
                    ModificationTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    Uid = 0,
                    Gid = 0,
                    UserName = "root",
                    GroupName = "root",
                    DataStream = new MemoryStream(Utf8.GetBytes(text)),
                };
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }
}
