using System.Collections.Immutable;
using System.Security.Cryptography;
using Distribution.Adapters.Builds;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Model;
using Distribution.Core.Packaging;
using Distribution.Testing;
using NuGet.Versioning;

namespace Distribution.Integration.Tests.Packaging;

public sealed class PackageBuilderTests
{
    private const string ShellBuild = "the recipe builds with sh -c, mkdir -p and chmod";

    private static readonly DateTimeOffset CommitTime = DateTimeOffset.FromUnixTimeSeconds(1_750_000_000);

    private static readonly ManifestComponent Platform = new(
        ComponentId.Platform, NuGetVersion.Parse("2.5.3"), "v2.5.3", new string('a', 40), new string('b', 40));

    private static Recipe ShellRecipe(string script, string[]? requires = null) => new(
        "platform",
        SourceLocation.InFile("packaging/platform/recipe.toml"),
        new string('0', 64),
        "provisioning-platform-{version}-{target}.tar.gz",
        [
            new RecipeTarget("linux-x64", ImmutableSortedDictionary<string, string>.Empty.Add("rid", "linux-x64"), []),
            new RecipeTarget("darwin-arm64", ImmutableSortedDictionary<string, string>.Empty.Add("rid", "osx-arm64"), []),
        ],
        [.. requires ?? ["sh"]],
        [["sh", "-c", script, "build", "{rid}", "{output}", "{version}"]],
        [["uname", "-s"]],
        ImmutableSortedDictionary<string, string>.Empty,
        [
            new LayoutRule("{output}/bin", "bin", false, ["*.pdb"]),
            new LayoutRule("{source}/README.md", "share/provisioning/platform/README.md", false, []),
            new LayoutRule("{source}/missing", "x", true, [])]);

    private const string Compile = """
        set -e
        mkdir -p "$2/bin"
        printf '#!/bin/sh\necho %s %s\n' "$1" "$3" > "$2/bin/provisioning-platform"
        chmod 755 "$2/bin/provisioning-platform"
        echo debug > "$2/bin/provisioning-platform.pdb"
        """;

    [UnixOnlyFact(ShellBuild)]
    public async Task Builds_each_target_with_its_runtime_id_then_takes_the_same_bytes_from_the_cache()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var builder = new PackageBuilder(work.Combine("cache"));
        var jobs = PackagePlanner.Plan([Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, null);

        var first = await Task.WhenAll(jobs.Select(job => builder.BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("one"), CancellationToken.None)));
        var second = await Task.WhenAll(jobs.Select(job => new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("two"), CancellationToken.None)));

        Assert.All(first, result => Assert.False(result.FromCache));
        Assert.All(second, result => Assert.True(result.FromCache));
        Assert.Equal(first.Select(result => result.Sha256), second.Select(result => result.Sha256));
        Assert.Equal(
            File.ReadAllBytes(work.Combine("one", "provisioning-platform-2.5.3-darwin-arm64.tar.gz")),
            File.ReadAllBytes(work.Combine("two", "provisioning-platform-2.5.3-darwin-arm64.tar.gz")));
        Assert.Equal([work.Combine("src", "README.md")], Directory.GetFiles(work.Combine("src"), "*", SearchOption.AllDirectories));

        var listing = await CliProcess.RunAsync(
            "tar",
            ["-xOzf", work.Combine("one", "provisioning-platform-2.5.3-darwin-arm64.tar.gz"), "bin/provisioning-platform"],
            work.Path);
        Assert.Equal("#!/bin/sh\necho osx-arm64 2.5.3\n", listing.Output);
        var names = await CliProcess.RunAsync(
            "tar", ["-tzf", work.Combine("one", "provisioning-platform-2.5.3-linux-x64.tar.gz")], work.Path);
        Assert.Equal(
            "bin/\nbin/provisioning-platform\nshare/\nshare/provisioning/\n"
                + "share/provisioning/platform/\nshare/provisioning/platform/README.md\n",
            names.Output);
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task A_failing_build_names_component_target_and_output_tail_and_leaves_no_archive()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var builder = new PackageBuilder(work.Combine("cache"));
        var job = PackagePlanner.Plan(
            [Platform],
            new Dictionary<string, Recipe>
            {
                ["platform"] = ShellRecipe("echo compiling; mkdir -p \"$2/bin\"; echo half > "
                    + "\"$2/bin/x\"; echo 'error CS0246: Orchestrator type missing' >&2; exit 3")
            },
            ["linux-x64"]).Single();

        var error = await Assert.ThrowsAsync<PackageBuildException>(() => builder.BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("out"), CancellationToken.None));

        Assert.Equal("PKG020", error.Diagnostic.Code);
        Assert.Contains("platform linux-x64", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("error CS0246: Orchestrator type missing", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("its output ends: compiling | error CS0246", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("out")) && Directory.EnumerateFileSystemEntries(work.Combine("out")).Any());
        Assert.Empty(Directory.EnumerateFiles(work.Combine("cache"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_target_this_host_cannot_build_names_the_missing_toolchain_and_runner()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform],
            new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile, ["no-such-toolchain-cc", "os:plan9"]) },
            ["darwin-arm64"]).Single();

        var error = await Assert.ThrowsAsync<PackageBuildException>(() => new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("out"), CancellationToken.None));

        Assert.Equal("PKG011", error.Diagnostic.Code);
        Assert.Contains("platform darwin-arm64 cannot be built on this host", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'no-such-toolchain-cc' toolchain", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("a plan9 runner", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_requirement_comes_with_the_recipes_hint_on_how_to_get_it_and_a_rust_library_is_looked_for_in_rustc()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var recipe = ShellRecipe(Compile, ["no-such-toolchain-cc", "rust-std:riscv64gc-unknown-linux-gnu", "os:plan9"]) with
        {
            InstallHints = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
            {
                ["no-such-toolchain-cc"] = "apt-get install no-such-toolchain",
                ["rust-std:riscv64gc-unknown-linux-gnu"] = "rustup target add riscv64gc-unknown-linux-gnu",
            }),
        };
        var job = PackagePlanner.Plan([Platform], new Dictionary<string, Recipe> { ["platform"] = recipe }, ["linux-x64"]).Single();

        var error = await Assert.ThrowsAsync<PackageBuildException>(() => new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("out"), CancellationToken.None));

        Assert.Equal("PKG011", error.Diagnostic.Code);
        Assert.StartsWith(
            "platform linux-x64 cannot be built on this host: it needs the 'no-such-toolchain-cc' "
                + "toolchain (not on PATH) and the Rust standard library for riscv64gc-unknown-linux-gnu (",
            error.Diagnostic.Message,
            StringComparison.Ordinal);
        Assert.EndsWith(
            ") and a plan9 runner (this host is " + HostRequirements.HostOs + ")", error.Diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(
            "no-such-toolchain-cc: apt-get install no-such-toolchain; rust-std:riscv64gc-unknown-linux-gnu: "
                + "rustup target add riscv64gc-unknown-linux-gnu; or build linux-x64 on a runner that has "
                + "them (--targets=… --shard-out=DIR, then AssembleBundle)",
            error.Diagnostic.Fix);
        Assert.Empty(HostRequirements.Missing(["os:" + HostRequirements.HostOs]));
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task A_missing_layout_source_is_a_diagnostic_naming_the_rule()
    {
        using var work = new TempDirectory("pkg");
        Directory.CreateDirectory(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, ["linux-x64"]).Single();

        var error = await Assert.ThrowsAsync<PackageBuildException>(() => new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("out"), CancellationToken.None));

        Assert.Equal("PKG021", error.Diagnostic.Code);
        Assert.Contains("'{source}/README.md' does not exist", error.Diagnostic.Message, StringComparison.Ordinal);
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task A_cache_hit_reports_the_digest_of_the_bytes_it_places_and_records_it_beside_the_archive()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, ["linux-x64"]).Single();
        await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("one"), CancellationToken.None);

        var hit = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("two"), CancellationToken.None);

        var bytes = await File.ReadAllBytesAsync(work.Combine("two", job.ArchiveName));
        Assert.True(hit.FromCache);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), hit.Sha256);
        Assert.Equal(bytes.Length, hit.Size);
        var digest = Assert.Single(Directory.GetFiles(
            work.Combine("cache", "packages"), "*" + CacheEntry.DigestSuffix, SearchOption.AllDirectories));
        Assert.StartsWith(hit.Sha256 + " " + bytes.Length + " ", await File.ReadAllTextAsync(digest), StringComparison.Ordinal);
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task An_archive_changed_in_place_after_it_was_cached_is_built_again_not_served_with_a_stale_digest()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, ["linux-x64"]).Single();
        var first = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("one"), CancellationToken.None);
        var original = await File.ReadAllBytesAsync(first.Path);

        // The bundle folder's archive shares its bytes with the cache (a hard link): an edit in place reaches both,
        // at once, so perhaps within the tick of file times in which the digest was recorded.
        await using (var stream = new FileStream(first.Path, FileMode.Open, FileAccess.Write))
        {
            stream.Position = 10;
            stream.WriteByte((byte)(original[10] ^ 0xff));
        }

        var cached = Assert.Single(Directory.GetFiles(work.Combine("cache", "packages"), job.ArchiveName, SearchOption.AllDirectories));
        Assert.NotEqual(original, await File.ReadAllBytesAsync(cached));
        var second = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("two"), CancellationToken.None);

        Assert.False(second.FromCache);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(original, await File.ReadAllBytesAsync(second.Path));
        Assert.Equal(original, await File.ReadAllBytesAsync(cached));
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task An_archive_changed_within_the_tick_of_file_times_its_digest_was_recorded_in_is_hashed_not_trusted()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, ["linux-x64"]).Single();
        var first = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("one"), CancellationToken.None);
        var cached = Assert.Single(Directory.GetFiles(work.Combine("cache", "packages"), job.ArchiveName, SearchOption.AllDirectories));
        var recordedTime = File.GetLastWriteTimeUtc(cached);

        // Same size, same last-write time, and the digest file dated in that same tick: only the bytes differ.
        var bytes = await File.ReadAllBytesAsync(cached);
        bytes[10] ^= 0xff;
        await File.WriteAllBytesAsync(cached, bytes);
        File.SetLastWriteTimeUtc(cached, recordedTime);
        File.SetLastWriteTimeUtc(cached + CacheEntry.DigestSuffix, recordedTime);
        var second = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("two"), CancellationToken.None);

        Assert.False(second.FromCache);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal(first.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(second.Path))));
    }

    [UnixOnlyFact(ShellBuild)]
    public async Task A_cached_archive_without_a_recorded_digest_is_hashed_once_and_still_served_from_the_cache()
    {
        using var work = new TempDirectory("pkg");
        MakeSource(work.Combine("src"));
        var job = PackagePlanner.Plan(
            [Platform], new Dictionary<string, Recipe> { ["platform"] = ShellRecipe(Compile) }, ["linux-x64"]).Single();
        var first = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("one"), CancellationToken.None);
        var digest = Assert.Single(Directory.GetFiles(
            work.Combine("cache", "packages"), "*" + CacheEntry.DigestSuffix, SearchOption.AllDirectories));
        File.Delete(digest);

        var second = await new PackageBuilder(work.Combine("cache")).BuildAsync(
            job, work.Combine("src"), CommitTime, work.Combine("two"), CancellationToken.None);

        Assert.True(second.FromCache);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.True(File.Exists(digest));
    }

    private static void MakeSource(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "README.md"), "# platform\n");
    }
}
