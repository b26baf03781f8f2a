using System.Collections.Immutable;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Distribution.Adapters.Signing;
using Distribution.Core.Contract;
using Distribution.Core.Model;
using Distribution.Core.Publishing;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// Writes a registry exactly as docs/formats.md lays it out (index.json, bundles/B/bundle.json,
/// packages/C/V/ARCHIVE, installers/) with small deterministic .tar.gz archives: core (a nu script
/// <c>bin/provisioning</c> printing its version, a version-named library file, a relative link), platform per
/// target (an sh script <c>bin/provisioning-orchestrator</c>), workspace templates and extensions.
/// Tests may replace an archive's entries or alter files after <see cref="Write"/> to build bad inputs.
/// </summary>
internal sealed class SyntheticRegistry
{
    public static readonly string[] PlatformTargets = ["darwin-arm64", "darwin-x64", "linux-arm64", "linux-x64"];
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<(string Id, string Kind, string Date, (string Component, string Version)[] Components)> bundles = [];
    private readonly Dictionary<(string Component, string Version, string Target), IReadOnlyList<ArchiveEntry>> overrides = [];
    private readonly Dictionary<(string Component, string Version), ImmutableSortedDictionary<string, string>> requirements = [];

    public SyntheticRegistry(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>The key <see cref="Write"/> signs index.json with and puts into the registry's installers.</summary>
    public SigningKey Key { get; set; } = TestKeys.Registry;

    /// <summary>The index's serial.</summary>
    public long Serial { get; set; } = 1;

    /// <summary>The index's expiry (a UTC time as the registry writes it), far in the future by default.</summary>
    public string Expires { get; set; } = "2099-12-31T00:00:00Z";

    /// <summary>The usual pair: lts-3.1 (core 3.1.0, platform 2.5.0, workspace 1.0.0, ext-azure 1.0.0) and stable-3.2.</summary>
    public static SyntheticRegistry Standard(string root)
    {
        var registry = new SyntheticRegistry(root);
        registry.AddBundle(
            "lts-3.1",
            "lts",
            "2025-09-01",
            ("core", "3.1.0"),
            ("platform", "2.5.0"),
            ("workspace", "1.0.0"),
            ("ext-azure", "1.0.0"),
            ("ext-mongodb", "1.1.0"));
        registry.AddBundle(
            "stable-3.2",
            "stable",
            "2025-10-15",
            ("core", "3.2.1"),
            ("platform", "2.6.0"),
            ("workspace", "1.1.0"),
            ("ext-mongodb", "1.2.0"));
        return registry;
    }

    public SyntheticRegistry AddBundle(string id, string kind, string releaseDate, params (string Component, string Version)[] components)
    {
        bundles.Add((id, kind, releaseDate, components));
        return this;
    }

    /// <summary>Replaces what one archive holds (before <see cref="Write"/>).</summary>
    public SyntheticRegistry WithArchive(string component, string version, string target, params ArchiveEntry[] entries)
    {
        overrides[(component, version, target)] = entries;
        return this;
    }

    public static string ArchiveName(string component, string version, string target) => component switch
    {
        "core" => $"provisioning-core-{version}.tar.gz",
        "platform" => $"provisioning-platform-{version}-{target}.tar.gz",
        "workspace" => $"provisioning-templates-{version}.tar.gz",
        _ => $"provisioning-{component}-{version}.tar.gz",
    };

    public string ArchivePath(string component, string version, string target = "noarch") =>
        Path.Combine(Root, "packages", component, version, ArchiveName(component, version, target));

    public string ManifestPath(string bundle) => Path.Combine(Root, "bundles", bundle, "bundle.json");

    public static IReadOnlyList<ArchiveEntry> DefaultEntries(string component, string version, string target) => component switch
    {
        "core" =>
        [
            ArchiveEntry.Folder("bin/"),
            ArchiveEntry.File(
                "bin/provisioning",
                $"#!/usr/bin/env nu\n# provisioning core {version}\ndef main [--version] {{\n    if $version {{ "
                    + $"print \"provisioning {version}\" }} else {{ print \"usage: provisioning --version\" }}\n}}\n",
                executable: true),
            ArchiveEntry.Symlink("bin/prov", "provisioning"),
            ArchiveEntry.Folder("lib/"),
            ArchiveEntry.Folder("lib/provisioning/"),
            ArchiveEntry.File("lib/provisioning/VERSION", version + "\n"),
            ArchiveEntry.File($"lib/provisioning/core-{version}.nu", $"# only in {version}\n"),
            ArchiveEntry.Symlink("lib/provisioning/current.nu", $"core-{version}.nu"),
        ],
        "platform" =>
        [
            ArchiveEntry.Folder("bin/"),
            ArchiveEntry.File(
                "bin/provisioning-orchestrator", $"#!/bin/sh\necho \"provisioning-orchestrator {version} ({target})\"\n", executable: true),
        ],
        "workspace" =>
        [
            ArchiveEntry.File("share/provisioning/templates/default/workspace.toml", $"# workspace templates {version}\n"),
        ],
        _ =>
        [
            ArchiveEntry.File(
                $"lib/provisioning/extensions/{component[4..]}/extension.toml", $"name = \"{component[4..]}\"\nversion = \"{version}\"\n"),
        ],
    };

    /// <summary>
    /// Declares what a component version requires of another component (<c>requires</c> in bundle.json and
    /// index.json; the <c>core-version</c> of its manifest in a real bundle).
    /// </summary>
    public SyntheticRegistry WithRequirement(string component, string version, string dependency, string requirement)
    {
        requirements[(component, version)] = ComponentRequirements.None.Add(dependency, requirement);
        return this;
    }

    /// <summary>Writes every archive, bundle.json, installers/ and index.json (last), through the contract's writers.</summary>
    public SyntheticRegistry Write()
    {
        Directory.CreateDirectory(Root);
        var files = new Dictionary<string, RegistryFile>(StringComparer.Ordinal);
        var componentFiles = new Dictionary<(string Id, string Version), SortedSet<string>>();
        var indexBundles = new List<RegistryBundle>();
        foreach (var bundle in bundles)
        {
            var artifacts = new List<ArtifactRecord>();
            foreach (var (component, version) in bundle.Components)
            {
                var targets = component == "platform" ? PlatformTargets : ["noarch"];
                foreach (var target in targets)
                {
                    var name = ArchiveName(component, version, target);
                    var relative = $"packages/{component}/{version}/{name}";
                    var path = Path.Combine(Root, relative);
                    if (!File.Exists(path))
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        var entries = overrides.TryGetValue((component, version, target), out var custom)
                            ? custom
                            : DefaultEntries(component, version, target);
                        File.WriteAllBytes(path, TarGz(entries));
                    }

                    var bytes = File.ReadAllBytes(path);
                    files[relative] = Record(relative, bytes);
                    if (!componentFiles.TryGetValue((component, version), out var set))
                    {
                        componentFiles[(component, version)] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(relative);
                    var parsed = NuGetVersion.Parse(version);
                    artifacts.Add(new ArtifactRecord(Id(component), parsed, target, name, bytes.Length, Sha256(bytes)));
                }
            }

            var kind = Enum.Parse<BundleKind>(bundle.Kind, ignoreCase: true);
            var date = DateOnly.ParseExact(bundle.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var spec = new BundleSpec(
                bundle.Id,
                bundle.Id,
                kind,
                date,
                null,
                [.. bundle.Components.Select(c => new BundleComponent(Id(c.Component), NuGetVersion.Parse(c.Version)))]);
            var components = bundle.Components.Select(c =>
                new ManifestComponent(
                    Id(c.Component),
                    NuGetVersion.Parse(c.Version),
                    $"v{c.Version}",
                    Hex(c.Component + c.Version, 40),
                    Hex("tree" + c.Component + c.Version, 40))
                {
                    Requires = RequirementsOf(c.Component, c.Version),
                });
            var manifest = new BundleManifest(spec, [.. components], []).WithArtifacts(artifacts).Render();
            var manifestRelative = $"bundles/{bundle.Id}/bundle.json";
            Directory.CreateDirectory(Path.Combine(Root, "bundles", bundle.Id));
            File.WriteAllText(Path.Combine(Root, manifestRelative), manifest, new UTF8Encoding(false));
            var manifestBytes = Encoding.UTF8.GetBytes(manifest);
            files[manifestRelative] = Record(manifestRelative, manifestBytes);
            indexBundles.Add(new RegistryBundle(bundle.Id, kind, date, manifestRelative, manifestBytes.Length, Sha256(manifestBytes)));
        }

        var installers = Path.Combine(Root, "installers");
        Directory.CreateDirectory(installers);
        foreach (var installer in new[] { "install.sh", "install.nu", "install.ps1" })
        {
            var source = Path.Combine(TestPaths.RepositoryRoot, "installers", installer);
            if (File.Exists(source))
            {
                // As publish lays them out (docs/formats.md): a content-addressed copy the index lists, and the
                // convenience copy at installers/NAME that it does not.
                // With the registry's public key filled in, as publish does.
                var bytes = new UTF8Encoding(false).GetBytes(InstallerKeys.Embed(installer, File.ReadAllText(source), Key.PublicKeyPem));
                var relative = $"installers/{Sha256(bytes)}/{installer}";
                Directory.CreateDirectory(Path.Combine(Root, Path.GetDirectoryName(relative)!));
                File.WriteAllBytes(Path.Combine(Root, relative), bytes);
                File.WriteAllBytes(Path.Combine(installers, installer), bytes);
                files[relative] = Record(relative, bytes);
            }
        }

        var channels = bundles.Where(b => b.Kind is "stable" or "lts").GroupBy(b => b.Kind)
            .ToImmutableSortedDictionary(
                group => group.Key,
                group => group.OrderBy(b => b.Date, StringComparer.Ordinal).Last().Id,
                StringComparer.Ordinal);
        var index = new RegistryIndex(
            Serial,
            channels,
            [.. indexBundles],
            [
                .. componentFiles.Select(pair => new RegistryComponent(pair.Key.Id, pair.Key.Version, [.. pair.Value])
                {
                    Requires = RequirementsOf(pair.Key.Id, pair.Key.Version),
                }),
            ],
            [.. files.Values])
        {
            Expires = DateTimeOffset.Parse(Expires, CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(Root, "index.json"), RegistryIndexJson.Render(index), new UTF8Encoding(false));
        return Sign();
    }

    /// <summary>
    /// A planned key rotation: <paramref name="newKey"/> signs from now on, and <paramref name="signer"/> (the key
    /// before it) signs the statement keys/rotation-N.pub.pem that hands trust over, as publish writes it.
    /// </summary>
    public SyntheticRegistry RotateTo(SigningKey newKey, SigningKey signer)
    {
        var keys = Directory.CreateDirectory(Path.Combine(Root, "keys")).FullName;
        var list = Path.Combine(keys, "rotations");
        var number = File.Exists(list) ? File.ReadAllLines(list).Length + 1 : 1;
        var name = $"rotation-{number}.pub.pem";
        var pem = Encoding.UTF8.GetBytes(newKey.PublicKeyPem);
        File.WriteAllBytes(Path.Combine(keys, name), pem);
        File.WriteAllBytes(Path.Combine(keys, name + ".sig"), signer.Sign(pem));
        File.AppendAllText(list, name + "\n");
        Key = newKey;
        return this;
    }

    /// <summary>(Re)writes index.json.sig: <see cref="Key"/>'s signature of index.json as it is now.</summary>
    public SyntheticRegistry Sign()
    {
        File.WriteAllBytes(Path.Combine(Root, "index.json.sig"), Key.Sign(File.ReadAllBytes(Path.Combine(Root, "index.json"))));
        return this;
    }

    /// <summary>
    /// Writes the bundle folder CreateBundle would leave (docs/formats.md: bundle.json, SHA256SUMS,
    /// RELEASE_NOTES.md, the meta-package, the archives) from what <see cref="Write"/> produced, so the real
    /// publish verb can publish it.
    /// </summary>
    /// <summary>The repositories the bundle folders' SBOMs name (as the shipped versions.toml's <c>[components.*]</c>).</summary>
    public static readonly ImmutableSortedDictionary<string, string> Repositories = new Dictionary<string, string>
    {
        ["core"] = "sample:provisioning-core",
        ["platform"] = "sample:provisioning-platform",
        ["workspace"] = "sample:provisioning-workspace",
        ["extensions"] = "sample:provisioning-extensions",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    public string WriteBundleFolder(string bundle, string folder)
    {
        Directory.CreateDirectory(folder);
        var manifestText = File.ReadAllText(ManifestPath(bundle));
        var manifest = BundleManifest.Read(manifestText, ManifestPath(bundle), "INS001");
        foreach (var artifact in manifest.Artifacts)
        {
            File.Copy(
                Path.Combine(Root, "packages", artifact.Component.Id, artifact.Version.ToNormalizedString(), artifact.Name),
                Path.Combine(folder, artifact.Name),
                overwrite: true);
        }

        var notes = $"# {bundle}\n\nSynthetic bundle for the installer tests.\n";
        File.WriteAllText(Path.Combine(folder, "bundle.json"), manifestText, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "RELEASE_NOTES.md"), notes, new UTF8Encoding(false));
        var sbom = BundleSbom.Render(manifest, Repositories);
        File.WriteAllText(Path.Combine(folder, BundleSbom.FileName), sbom, new UTF8Encoding(false));
        var meta = new List<ArchiveEntry>
        {
            ArchiveEntry.File("bundle.json", manifestText),
            ArchiveEntry.File("RELEASE_NOTES.md", notes),
            ArchiveEntry.File(BundleSbom.FileName, sbom),
        };
        foreach (var installer in new[] { "install.sh", "install.nu", "install.ps1" })
        {
            meta.Add(ArchiveEntry.File(
                installer,
                File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "installers", installer)),
                executable: installer == "install.sh"));
        }

        File.WriteAllBytes(Path.Combine(folder, $"provisioning-bundle-{bundle}.tar.gz"), TarGz(meta));
        var sums = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Where(name => name != "SHA256SUMS").Order(StringComparer.Ordinal)
            .Select(name => $"{Sha256(File.ReadAllBytes(Path.Combine(folder, name)))}  {name}\n");
        File.WriteAllText(Path.Combine(folder, "SHA256SUMS"), string.Concat(sums), new UTF8Encoding(false));
        return folder;
    }

    public static byte[] TarGz(IEnumerable<ArchiveEntry> entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                var tarEntry = new GnuTarEntry(entry.Type, entry.Name)
                {
                    ModificationTime = Epoch,
                    Uid = 0,
                    Gid = 0,
                    UserName = "root",
                    GroupName = "root",
                    Mode = entry.Mode ?? (entry.Type == TarEntryType.Directory || entry.Executable
                        ? UnixFileMode.UserRead
                            | UnixFileMode.UserWrite
                            | UnixFileMode.UserExecute
                            | UnixFileMode.GroupRead
                            | UnixFileMode.GroupExecute
                            | UnixFileMode.OtherRead
                            | UnixFileMode.OtherExecute
                        : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead),
                };
                if (entry.Type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    tarEntry.LinkName = entry.LinkTarget;
                }

                if (entry.Type == TarEntryType.RegularFile)
                {
                    tarEntry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(entry.Content));
                }

                tar.WriteEntry(tarEntry);
            }
        }

        return output.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static RegistryFile Record(string relative, byte[] bytes) => new(relative, bytes.Length, Sha256(bytes));

    private static ComponentId Id(string component) => ComponentId.TryParse(component) ?? throw new ArgumentException(component);

    private ImmutableSortedDictionary<string, string> RequirementsOf(string component, string version) =>
        requirements.TryGetValue((component, version), out var requires) ? requires : ComponentRequirements.None;

    private static string Hex(string seed, int length) => Sha256(Encoding.UTF8.GetBytes(seed))[..length];
}
