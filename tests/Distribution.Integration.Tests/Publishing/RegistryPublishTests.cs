using System.Text;
using Distribution.Adapters.Registry;
using Distribution.Adapters.Signing;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Publishing;

public sealed class RegistryPublishTests
{
    [Fact]
    public async Task Publishing_the_same_bundle_twice_changes_nothing_the_second_time()
    {
        using var work = new TempDirectory("reg");
        var bundle = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));
        var installers = SyntheticBundle.Installers(work.Path);
        var registry = work.Combine("registry");

        var first = await Publisher(registry, out _).PublishAsync(bundle, installers, dryRun: false, CancellationToken.None);
        var afterFirst = Tree(registry);
        var second = await Publisher(registry, out var log).PublishAsync(bundle, installers, dryRun: false, CancellationToken.None);

        Assert.Equal(1, first.Next.Serial);
        Assert.False(second.ChangesAnything);
        Assert.Equal(1, second.Next.Serial);
        Assert.Equal(afterFirst, Tree(registry));
        Assert.All(second.Steps, step => Assert.Equal(RegistryAction.Keep, step.Action));
        Assert.Contains(log, line => line.Contains("serial 1: nothing changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registry_layout_and_index_follow_the_format()
    {
        using var work = new TempDirectory("reg");
        var bundle = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));
        var registry = work.Combine("registry");

        await Publisher(registry, out _).PublishAsync(bundle, SyntheticBundle.Installers(work.Path), dryRun: false, CancellationToken.None);

        var files = Directory.EnumerateFiles(registry, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(registry, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var index = await File.ReadAllTextAsync(Path.Combine(registry, "index.json"));
        Snapshot.Match(string.Join('\n', files) + "\n\n" + VerifiedDigests(registry, index));
    }

    [Fact]
    public async Task Channels_point_at_the_newest_bundle_of_their_kind_and_custom_moves_none()
    {
        using var work = new TempDirectory("reg");
        var registry = work.Combine("registry");
        var installers = SyntheticBundle.Installers(work.Path);
        string[] order = ["stable-3.2", "lts-3.1", "stable-3.1", "custom-x", "lts-3.0"];
        var specs = new Dictionary<string, (string Kind, string Date, string Core)>
        {
            ["stable-3.1"] = ("stable", "2025-06-01", "3.1.0"),
            ["stable-3.2"] = ("stable", "2025-10-15", "3.2.1"),
            ["lts-3.0"] = ("lts", "2025-01-10", "3.0.4"),
            ["lts-3.1"] = ("lts", "2025-09-01", "3.1.2"),
            ["custom-x"] = ("custom", "2026-01-01", "3.3.0-rc.1"),
        };
        var serials = new List<long>();
        foreach (var id in order)
        {
            var (kind, date, core) = specs[id];
            var folder = SyntheticBundle.Create(
                work.Combine("bundles"), id, kind, date, components: [("core", core, "noarch"), ("ext-mongodb", "1.2.0", "noarch")]);
            var plan = await Publisher(registry, out _).PublishAsync(
                await LoadAsync(folder), installers, dryRun: false, CancellationToken.None);
            serials.Add(plan.Next.Serial);
        }

        var index = RegistryIndexJson.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "index.json")), "index.json");
        Assert.Equal([1, 2, 3, 4, 5], serials);
        Assert.Equal("stable-3.2", index.Channels["stable"]);
        Assert.Equal("lts-3.1", index.Channels["lts"]);
        Assert.Equal(2, index.Channels.Count);
        var mongodb = Assert.Single(index.Components, component => component.Id == "ext-mongodb");
        Assert.Equal("packages/ext-mongodb/1.2.0/provisioning-ext-mongodb-1.2.0.tar.gz", Assert.Single(mongodb.Files));
        Assert.Equal(
            ["3.0.4", "3.1.0", "3.1.2", "3.2.1", "3.3.0-rc.1"],
            index.Components.Where(component => component.Id == "core").Select(component => component.Version));
    }

    [Fact]
    public async Task Tampered_artifact_under_a_published_name_is_refused_naming_the_file_and_both_digests()
    {
        using var work = new TempDirectory("reg");
        var registry = work.Combine("registry");
        var installers = SyntheticBundle.Installers(work.Path);
        var original = await LoadAsync(SyntheticBundle.Create(work.Combine("a")));
        await Publisher(registry, out _).PublishAsync(original, installers, dryRun: false, CancellationToken.None);
        var before = Tree(registry);
        var tampered = await LoadAsync(SyntheticBundle.Create(work.Combine("b"), seed: "tampered"));
        var name = "provisioning-core-3.2.1.tar.gz";

        var error = await Assert.ThrowsAsync<UserErrorException>(() => Publisher(registry, out _).PublishAsync(
            tampered, installers, dryRun: false, CancellationToken.None));

        var diagnostic = Assert.Single(error.Diagnostics, item => item.Message.Contains(name, StringComparison.Ordinal));
        Assert.Equal("PUB010", diagnostic.Code);
        Assert.Contains(original.Files[name].Sha256, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(tampered.Files[name].Sha256, diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains($"packages/core/3.2.1/{name}", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(before, Tree(registry));
    }

    [Fact]
    public async Task A_bundle_file_that_does_not_match_SHA256SUMS_is_refused_before_anything_is_published()
    {
        using var work = new TempDirectory("reg");
        var folder = SyntheticBundle.Create(work.Combine("bundles"));
        var archive = Path.Combine(folder, "provisioning-ext-mongodb-1.2.0.tar.gz");
        var bytes = await File.ReadAllBytesAsync(archive);
        bytes[^1] ^= 0xff;
        await File.WriteAllBytesAsync(archive, bytes);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => LoadAsync(folder));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal("PUB004", diagnostic.Code);
        Assert.Contains("provisioning-ext-mongodb-1.2.0.tar.gz", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(SyntheticBundle.Sha256(bytes), diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_that_matches_SHA256SUMS_but_not_bundle_json_is_refused()
    {
        using var work = new TempDirectory("reg");
        var folder = SyntheticBundle.Create(work.Combine("bundles"));
        await File.WriteAllTextAsync(Path.Combine(folder, "provisioning-core-3.2.1.tar.gz"), "other bytes");
        SyntheticBundle.WriteSums(folder);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => LoadAsync(folder));

        Assert.Contains(
            error.Diagnostics,
            item => item.Code == "PUB004" && item.Message.Contains("does not match bundle.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dry_run_prints_every_copy_and_the_index_change_and_writes_nothing()
    {
        using var work = new TempDirectory("reg");
        var bundle = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));
        var registry = work.Combine("registry");

        var plan = await Publisher(registry, out var log).PublishAsync(
            bundle, SyntheticBundle.Installers(work.Path), dryRun: true, CancellationToken.None);

        Assert.False(Directory.Exists(registry));
        Assert.Equal(plan.Steps.Length, log.Count(line => line.StartsWith("dry run: would copy ", StringComparison.Ordinal)));
        Assert.Equal(14, plan.Steps.Length); // 8 bundle files, 3 content-addressed installers, 3 convenience copies
        // The convenience copies come after the index: the three lines after "would write" copy to installers/NAME.
        var write = log.FindIndex(line => line.StartsWith("dry run: would write ", StringComparison.Ordinal));
        Assert.Equal(
            ["install.nu", "install.ps1", "install.sh"],
            log.Skip(write + 1)
                .Select(line => line.Split(" -> ")[1].Split(' ')[0])
                .Select(target => Path.GetRelativePath(Path.Combine(registry, "installers"), target)));
        Assert.Contains(
            log,
            line => line.StartsWith("dry run: would write ", StringComparison.Ordinal)
                && line.Contains("serial 0 -> 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_installer_is_replaced_and_the_serial_grows()
    {
        using var work = new TempDirectory("reg");
        var bundle = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));
        var registry = work.Combine("registry");
        await Publisher(registry, out _).PublishAsync(
            bundle, SyntheticBundle.Installers(work.Combine("v1")), dryRun: false, CancellationToken.None);

        var plan = await Publisher(registry, out _).PublishAsync(
            bundle, SyntheticBundle.Installers(work.Combine("v2"), flavour: "2"), dryRun: false, CancellationToken.None);

        Assert.Equal(2, plan.Next.Serial);
        Assert.Equal(3, plan.Steps.Count(step => step.Action == RegistryAction.Replace));
        Assert.Equal("# install.sh v2\n", await File.ReadAllTextAsync(Path.Combine(registry, "installers", "install.sh")));
        // Both versions stay, content-addressed and listed in the index; the convenience copy is not listed.
        var index = RegistryIndexJson.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "index.json")), "index.json");
        foreach (var text in new[] { "# install.sh v1\n", "# install.sh v2\n" })
        {
            var sha256 = SyntheticBundle.Sha256(Encoding.UTF8.GetBytes(text));
            Assert.Equal(text, await File.ReadAllTextAsync(Path.Combine(registry, "installers", sha256, "install.sh")));
            Assert.Contains(index.Files, file => file.Path == $"installers/{sha256}/install.sh" && file.Sha256 == sha256);
        }

        Assert.DoesNotContain(index.Files, file => file.Path == "installers/install.sh");
        VerifiedDigests(registry, await File.ReadAllTextAsync(Path.Combine(registry, "index.json")));
    }

    [Fact]
    public async Task A_publish_waits_for_the_registry_lock_and_gives_up_with_a_diagnostic()
    {
        using var work = new TempDirectory("reg");
        var bundle = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles")));
        var registry = work.Combine("registry");
        using (await RegistryLock.AcquireAsync(registry, TimeSpan.Zero, _ => { }, CancellationToken.None))
        {
            var publisher = new RegistryPublisher(registry, _ => { }, FaultInjection.None) { LockTimeout = TimeSpan.FromMilliseconds(300) };

            var error = await Assert.ThrowsAsync<UserErrorException>(() => publisher.PublishAsync(
                bundle, work.Combine("none"), dryRun: false, CancellationToken.None));

            Assert.Equal("PUB011", Assert.Single(error.Diagnostics).Code);
            Assert.False(File.Exists(Path.Combine(registry, "index.json")));
        }

        await new RegistryPublisher(registry, _ => { }, FaultInjection.None).PublishAsync(
            bundle, work.Combine("none"), dryRun: false, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(registry, "index.json")));
    }

    [Fact]
    public async Task Concurrent_publishes_of_two_bundles_are_serialised_and_both_land_in_the_index()
    {
        using var work = new TempDirectory("reg");
        var registry = work.Combine("registry");
        var a = await LoadAsync(SyntheticBundle.Create(
            work.Combine("bundles"), "stable-3.1", releaseDate: "2025-06-01", components: [("core", "3.1.0", "noarch")]));
        var b = await LoadAsync(SyntheticBundle.Create(work.Combine("bundles"), "stable-3.2", components: [("core", "3.2.1", "noarch")]));

        await Task.WhenAll(
            Task.Run(() => Publisher(registry, out _).PublishAsync(a, work.Combine("none"), dryRun: false, CancellationToken.None)),
            Task.Run(() => Publisher(registry, out _).PublishAsync(b, work.Combine("none"), dryRun: false, CancellationToken.None)));

        var index = RegistryIndexJson.Parse(await File.ReadAllTextAsync(Path.Combine(registry, "index.json")), "index.json");
        Assert.Equal(2, index.Serial);
        Assert.Equal(["stable-3.1", "stable-3.2"], index.Bundles.Select(bundle => bundle.Id));
        Assert.Equal("stable-3.2", index.Channels["stable"]);
    }

    /// <summary>
    /// Checks every size and sha256 of an index against the file it names, then replaces them with <c>&lt;verified&gt;</c>,
    /// so that the snapshot holds the layout and not the compressor's exact output.
    /// </summary>
    internal static string VerifiedDigests(string registry, string index) =>
        System.Text.RegularExpressions.Regex.Replace(
            index,
            "\"(path|manifest)\":\"([^\"]+)\",\"size\":([0-9]+),\"sha256\":\"([0-9a-f]{64})\"",
            match =>
        {
            var bytes = File.ReadAllBytes(Path.Combine(registry, match.Groups[2].Value));
            Assert.Equal(bytes.LongLength.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value);
            Assert.Equal(SyntheticBundle.Sha256(bytes), match.Groups[4].Value);
            return $"\"{match.Groups[1].Value}\":\"{match.Groups[2].Value}\",\"size\":<verified>,\"sha256\":\"<verified>\"";
        });

    internal static Task<BundleFolder> LoadAsync(string folder) => BundleFolder.LoadAsync(folder, path => path, CancellationToken.None);

    /// <summary>Every file of a folder with its digest, one per line: two equal trees have equal texts.</summary>
    /// <summary>
    /// Every file with its sha256; a signature (ECDSA, different bytes at every signing) as whether it verifies the
    /// file beside it with the registry's key (keys/registry.pub.pem).
    /// </summary>
    internal static string Tree(string folder)
    {
        var text = new StringBuilder();
        var keyFile = Path.Combine(folder, "keys", "registry.pub.pem");
        var key = File.Exists(keyFile) ? File.ReadAllText(keyFile) : null;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var signed = file[..^".sig".Length];
            var content = file.EndsWith(".sig", StringComparison.Ordinal) && File.Exists(signed)
                ? key is not null && Signatures.Verify(key, File.ReadAllBytes(signed), File.ReadAllBytes(file))
                    ? "(valid signature)"
                    : "(INVALID signature)"
                : SyntheticBundle.Sha256(File.ReadAllBytes(file));
            text.Append(Path.GetRelativePath(folder, file).Replace('\\', '/')).Append(' ').Append(content).Append('\n');
        }

        return text.ToString();
    }

    private static RegistryPublisher Publisher(string registry, out List<string> log)
    {
        var lines = new List<string>();
        log = lines;
        return new RegistryPublisher(registry, line => { lock (lines) { lines.Add(line); } }, FaultInjection.None);
    }
}
