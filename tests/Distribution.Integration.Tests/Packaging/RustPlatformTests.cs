using Distribution.Adapters.Builds;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Packaging;

/// <summary>
/// The platform built as Rust (issue 22): the Cargo workspace sample (samples/provisioning-platform-rs) with
/// packaging/rust/platform's recipe, for linux-x64 and linux-arm64, on this machine. Needs a Rust toolchain with the
/// aarch64 standard library and the aarch64 linker (.ci/run installs them with tools/install-rust-cross.sh); without
/// them the test fails with create-bundle's PKG011, which names what is missing and how to get it.
/// </summary>
public sealed class RustPlatformTests
{
    private const string Bundle = "rust-3.3";

    [LinuxOnlyFact(
        "cross-builds the linux targets with a Linux toolchain (tools/install-rust-cross.sh); install.sh runs under a POSIX sh",
        Program = "nu")]
    public async Task The_cargo_workspace_builds_for_linux_x64_and_arm64_identically_in_two_caches_and_installs_and_passes_test_bundle()
    {
        using var work = new TempDirectory("rust");
        string[] create = [.. CreateBundle(work), "--targets", "linux-x64,linux-arm64"];

        var first = await CliProcess.RunCliAsync(work.Path, Environment(work, "cache-one"), [.. create, "--output", work.Combine("one")]);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        var second = await CliProcess.RunCliAsync(work.Path, Environment(work, "cache-two"), [.. create, "--output", work.Combine("two")]);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);

        // Two empty caches (the private copies of the source in other folders) give the same bytes.
        Assert.Contains("6 archive(s): 6 built, 0 from cache", second.Output, StringComparison.Ordinal);
        var names = Directory.GetFiles(work.Combine("one")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(work.Combine("two")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            Assert.True(
                File.ReadAllBytes(work.Combine("one", name!)).AsSpan().SequenceEqual(File.ReadAllBytes(work.Combine("two", name!))),
                $"{name} differs between the two caches");
        }

        // Native programs of each target's architecture, nothing else of the build in the archive.
        foreach (var (target, format) in new[] { ("linux-x64", "ELF x86-64"), ("linux-arm64", "ELF aarch64") })
        {
            var folder = work.Combine("x", target);
            Directory.CreateDirectory(folder);
            var archive = work.Combine("one", $"provisioning-platform-2.7.1-{target}.tar.gz");
            var list = await CliProcess.RunAsync("tar", ["-tzf", archive], work.Path);
            Assert.Equal(
                "lib/\nlib/provisioning/\nlib/provisioning/platform/\nlib/provisioning/platform/control-center/\n"
                + "lib/provisioning/platform/control-center/provisioning-control-center\n"
                + "lib/provisioning/platform/orchestrator/\nlib/provisioning/platform/orchestrator/provisioning-orchestrator\n"
                + "share/\nshare/provisioning/\nshare/provisioning/platform/\nshare/provisioning/platform/README.md\n",
                list.Output);
            var untar = await CliProcess.RunAsync("tar", ["-xzf", archive, "-C", folder], work.Path);
            Assert.True(untar.ExitCode == 0, untar.Error);
            foreach (var service in new[] { "orchestrator", "control-center" })
            {
                Assert.Equal(
                    (target, format),
                    (
                        target,
                        NativeExecutables.DescribeFile(Path.Combine(
                            folder, "lib/provisioning/platform", service, "provisioning-" + service))));
            }
        }

        var arm64 = work.Combine("x", "linux-arm64", "lib/provisioning/platform/orchestrator/provisioning-orchestrator");
        if (QemuAarch64.Command() is { } qemu)
        {
            var plan = await CliProcess.RunAsync(qemu[0], [.. qemu[1..], arm64, "plan", "fetch", "build", "fetch"], work.Path);
            Assert.Equal((0, "1. fetch\n2. build\n"), (plan.ExitCode, plan.Output));
        }

        // Published into a registry, installed with install.sh and smoke-tested: the linux-x64 programs run.
        var publish = await CliProcess.RunCliAsync(
            work.Path, Environment(work, "cache-one"), "publish", "--bundle", work.Combine("one"), "--registry", work.Combine("registry"));
        Assert.True(publish.ExitCode == 0, publish.Error + publish.Output);
        var tested = await CliProcess.RunCliAsync(
            work.Path, Environment(work, "cache-one"), "test-bundle", "--registry", work.Combine("registry"), "--bundle", Bundle);
        Assert.True(tested.ExitCode == 0, tested.Error + tested.Output);
        Assert.Matches(
            @"(?m)^platform\s+2\.7\.1\s+.*provisioning-orchestrator --version\s+provisioning-orchestrator 2\.7\.1\s+ok$", tested.Output);
        Assert.Matches(
            @"(?m)^platform\s+2\.7\.1\s+.*provisioning-control-center --version\s+provisioning-control-center 2\.7\.1\s+ok$",
            tested.Output);
    }

    [LinuxOnlyFact("names what a Linux host lacks to build darwin targets")]
    public async Task A_darwin_target_on_linux_names_the_macos_runner_and_the_rust_library_it_needs_and_how_to_get_them()
    {
        using var work = new TempDirectory("rust-darwin");

        var result = await CliProcess.RunCliAsync(
            work.Path, Environment(work, "cache"), [.. CreateBundle(work), "--targets", "darwin-arm64", "--output", work.Combine("out")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            "error PKG011: platform darwin-arm64 cannot be built on this host: it needs a darwin runner "
                + "(this host is linux) and the Rust standard library for aarch64-apple-darwin (",
            result.Error,
            StringComparison.Ordinal);
        Assert.Contains(
            "— os:darwin: build darwin targets on a macOS runner (release.yml: macos-15-intel for darwin-x64, macos-15 for darwin-arm64)",
            result.Error,
            StringComparison.Ordinal);
        Assert.Contains(
            "; rust-std:aarch64-apple-darwin: rustup target add aarch64-apple-darwin (on a macOS runner)",
            result.Error,
            StringComparison.Ordinal);
        Assert.False(File.Exists(work.Combine("out", "SHA256SUMS")));
    }

    /// <summary>
    /// create-bundle of the Rust bundle: a copy of its versions file (without the lock), the Rust platform recipe before the shipped ones.
    /// </summary>
    private static string[] CreateBundle(TempDirectory work)
    {
        var versions = work.Combine("versions", "versions.toml");
        Directory.CreateDirectory(work.Combine("versions"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "version-management", "rust-platform", "versions.toml"), versions);
        var recipes = string.Join(
            ',', Path.Combine(TestPaths.RepositoryRoot, "packaging", "rust"), Path.Combine(TestPaths.RepositoryRoot, "packaging"));
        return ["create-bundle", "--versions", versions, "--bundle", Bundle, "--recipes", recipes];
    }

    /// <summary>
    /// The cache, and a PATH whose rustc has the aarch64 standard library: the one on PATH when it has it (rustup with
    /// the target added), else Debian's in /usr/bin (tools/install-rust-cross.sh), which rustup's ~/.cargo/bin would
    /// otherwise hide.
    /// </summary>
    private static Dictionary<string, string?> Environment(TempDirectory work, string cache)
    {
        var variables = new Dictionary<string, string?>
        {
            ["PROVISIONING_DIST_CACHE"] = work.Combine(cache),
            ["PROVISIONING_DIST_PLAIN"] = "1",
            ["SOURCE_DATE_EPOCH"] = null
        };
        if (HostRequirements.Missing(["rust-std:aarch64-unknown-linux-gnu"]).Count > 0
            && Directory.Exists("/usr/lib/rustlib/aarch64-unknown-linux-gnu/lib"))
        {
            variables["PATH"] = "/usr/bin" + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        }

        return variables;
    }
}
