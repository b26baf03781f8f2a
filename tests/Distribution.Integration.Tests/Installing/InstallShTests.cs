using System.Formats.Tar;
using Distribution.Adapters.Http;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>install.sh run as a real process (sh, dash, bash) against synthetic registries laid out as docs/formats.md says.</summary>
public sealed class InstallShTests
{
    private const string Sh = "install.sh runs under a POSIX sh, with chmod and ':' between PATH entries";

    [UnixOnlyTheory(Sh)]
    [InlineData("sh")]
    [InlineData("dash")]
    [InlineData("bash")]
    public async Task Stable_bundle_installs_from_a_folder_with_receipts_under_every_shell(string shell)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);

        var (exitCode, output, error) = await installer.RunAsync(shell, "--registry", registry.Root, "--prefix", installer.Prefix, "--yes");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("install core 3.2.1", output, StringComparison.Ordinal);
        Assert.Equal("3.2.1\n", installer.Receipt("core.version"));
        Assert.Equal("2.6.0\n", installer.Receipt("platform.version"));
        Assert.Equal(
            "bin/prov\nbin/provisioning\nlib/provisioning/VERSION\nlib/provisioning/core-3.2.1.nu\nlib/provisioning/current.nu\n",
            installer.Receipt("core.files"));
        Assert.Equal("stable-3.2\n", installer.Receipt("bundle"));
        Assert.Equal("provisioning", File.ResolveLinkTarget(Path.Combine(installer.Prefix, "bin/prov"), false)!.ToString().Split('/')[^1]);
        Assert.True(File.Exists(Path.Combine(installer.Prefix, "lib/provisioning/extensions/mongodb/extension.toml")));
        Assert.False(Directory.Exists(Path.Combine(installer.Prefix, "lib/provisioning/extensions/azure")));
        var orchestrator = await CliProcess.RunAsync(
            Path.Combine(installer.Prefix, "bin/provisioning-orchestrator"), ["--version"], temp.Path);
        Assert.Equal("provisioning-orchestrator 2.6.0 (linux-x64)\n", orchestrator.Output);
        Assert.True(installer.TempIsEmpty(), "the temporary folder was not cleaned");
        Assert.DoesNotContain(".provisioning-staging", installer.State(), StringComparison.Ordinal);
    }

    [UnixOnlyFact(Sh, Program = "curl")]
    public Task Bundle_installs_over_loopback_http_with_curl() => InstallsOverHttpAsync("curl");

    [UnixOnlyFact(Sh, Program = "wget")]
    public Task Bundle_installs_over_loopback_http_with_wget() => InstallsOverHttpAsync("wget");

    [UnixOnlyFact(Sh, Program = "wget")]
    public Task Wget_follows_a_redirect_to_loopback_and_refuses_one_to_plain_http_elsewhere() => FollowsAndRefusesRedirectsAsync("sh");

    [UnixOnlyFact(Sh, Program = "curl")]
    public Task Curl_follows_a_redirect_to_loopback_and_refuses_one_to_plain_http_elsewhere()
        => FollowsAndRefusesRedirectsAsync("sh", "curl");

    [UnixOnlyFact(Sh, Program = "curl")]
    public Task Curl_under_dash_refuses_a_redirect_to_plain_http_too() => FollowsAndRefusesRedirectsAsync("dash", "curl");

    /// <summary>
    /// A registry that redirects: to another loopback URL the installer follows;
    /// to plain http elsewhere it refuses before fetching, and changes nothing.
    /// </summary>
    internal static async Task FollowsAndRefusesRedirectsAsync(string shell, string downloader = "wget")
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        await using var server = StaticFileServer.Start(registry.Root);
        await using var toLoopback = await RedirectingServer.StartAsync(server.BaseUrl);
        await using var toPlainHttp = await RedirectingServer.StartAsync("http://registry.example.com/provisioning");
        var installer = new Installer(temp) { DefaultShell = shell };
        installer.Environment["PROVISIONING_DOWNLOADER"] = downloader;

        var followed = await installer.InstallAsync(toLoopback.BaseUrl, "--bundle", "lts-3.1");
        var before = installer.State();
        var refused = await installer.InstallAsync(toPlainHttp.BaseUrl, "--bundle", "stable-3.2");

        Assert.True(followed.ExitCode == 0, followed.Output + followed.Error);
        Assert.Equal("3.1.0\n", installer.Receipt("core.version"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(
            $"error: refusing a redirect from {toPlainHttp.BaseUrl}/index.json to plain "
                + "http for 'registry.example.com': downloads must use https — ",
            refused.Error,
            StringComparison.Ordinal);
        Assert.Equal(before, installer.State());
    }

    /// <summary>Installs the lts channel from a loopback http server; for install.sh, with the given downloader.</summary>
    internal static async Task InstallsOverHttpAsync(string downloader, string shell = "sh")
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        await using var server = StaticFileServer.Start(registry.Root);
        var installer = new Installer(temp);
        installer.Environment["PROVISIONING_DOWNLOADER"] = downloader;
        installer.Environment["PROVISIONING_REGISTRY"] = server.BaseUrl;

        var (exitCode, output, error) = await installer.RunAsync(shell, "--channel", "lts", "--prefix", installer.Prefix, "--yes");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal("3.1.0\n", installer.Receipt("core.version"));
        Assert.True(File.Exists(Path.Combine(installer.Prefix, "lib/provisioning/extensions/azure/extension.toml")));
        Assert.True(server.Requests >= 7, $"only {server.Requests} requests reached the server");
    }

    [UnixOnlyFact(Sh, Program = "nu")]
    public async Task Core_cli_prints_the_bundle_version_through_nu()
    {
        var nu = Requirements.FindProgram("nu")!;

        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        Assert.Equal(0, (await installer.InstallAsync(registry.Root)).ExitCode);

        var version = await CliProcess.RunAsync(nu, [Path.Combine(installer.Prefix, "bin/provisioning"), "--version"], temp.Path);

        Assert.Equal("provisioning 3.2.1\n", version.Output);
    }

    [UnixOnlyFact(Sh)]
    public async Task Upgrade_removes_stale_files_and_uninstall_restores_the_prefix()
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        Directory.CreateDirectory(Path.Combine(installer.Prefix, "bin"));
        File.WriteAllText(Path.Combine(installer.Prefix, "bin/someone-elses-tool"), "keep me\n");
        var before = installer.State();

        Assert.Equal(0, (await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        Assert.True(File.Exists(Path.Combine(installer.Prefix, "lib/provisioning/core-3.1.0.nu")));
        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("upgrade core 3.1.0 -> 3.2.1", output, StringComparison.Ordinal);
        Assert.Contains("remove ext-azure 1.0.0 (not in bundle stable-3.2)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(installer.Prefix, "lib/provisioning/core-3.1.0.nu")));
        Assert.False(Directory.Exists(Path.Combine(installer.Prefix, "lib/provisioning/extensions/azure")));
        Assert.False(File.Exists(Path.Combine(installer.Prefix, "share/provisioning/receipts/ext-azure.files")));
        Assert.Equal(
            "lib/provisioning/core-3.2.1.nu",
            File.ResolveLinkTarget(Path.Combine(installer.Prefix, "lib/provisioning/current.nu"), false) is { } link
                ? "lib/provisioning/" + Path.GetFileName(link.FullName)
                : null);

        var uninstall = await installer.RunAsync("sh", "--uninstall", "--prefix", installer.Prefix, "--yes");

        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.Equal(before, installer.State());
    }

    [UnixOnlyFact(Sh)]
    public Task Installing_twice_changes_nothing_and_a_dry_run_changes_nothing() => InstallsTwiceAndDryRunsAsync("sh");

    internal static async Task InstallsTwiceAndDryRunsAsync(string shell)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Assert.Equal(0, (await installer.InstallAsync(registry.Root)).ExitCode);
        var once = installer.State();

        var again = await installer.InstallAsync(registry.Root);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("reinstall core 3.2.1", again.Output, StringComparison.Ordinal);
        Assert.Equal(once, installer.State());

        var dryRun = await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1", "--dry-run", "--allow-downgrade");
        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Contains("downgrade core 3.2.1 -> 3.1.0", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing was changed", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(once, installer.State());

        var dryUninstall = await installer.RunAsync(shell, "--uninstall", "--dry-run", "--prefix", installer.Prefix);
        Assert.Equal(0, dryUninstall.ExitCode);
        Assert.Equal(once, installer.State());
    }

    [UnixOnlyFact(Sh)]
    public Task One_component_installs_and_uninstalls_alone() => InstallsAndUninstallsOneComponentAsync("sh");

    internal static async Task InstallsAndUninstallsOneComponentAsync(string shell)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Assert.Equal(0, (await installer.InstallAsync(registry.Root)).ExitCode);

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--component", "platform@2.5.0", "--allow-downgrade");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("downgrade platform 2.6.0 -> 2.5.0", output, StringComparison.Ordinal);
        Assert.Equal("2.5.0\n", installer.Receipt("platform.version"));
        Assert.Equal("3.2.1\n", installer.Receipt("core.version"));
        var uninstall = await installer.RunAsync(shell, "--uninstall", "--component", "platform", "--prefix", installer.Prefix, "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output + uninstall.Error);
        Assert.False(File.Exists(Path.Combine(installer.Prefix, "bin/provisioning-orchestrator")));
        Assert.True(File.Exists(Path.Combine(installer.Prefix, "bin/provisioning")));
    }

    [UnixOnlyTheory(Sh)]
    [InlineData("dash")]
    [InlineData("bash")]
    public Task A_downgrade_says_so_and_needs_allow_downgrade(string shell) => RefusesDowngradeUnlessAllowedAsync(shell);

    /// <summary>
    /// stable-3.2 over lts-3.1 reversed is a downgrade: refused (after the plan, changing nothing) without
    /// --allow-downgrade, done with it; versions are ordered as versions (3.10.0 is newer than 3.9.0, a release newer
    /// than its release candidate), not as strings.
    /// </summary>
    internal static async Task RefusesDowngradeUnlessAllowedAsync(string shell)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"))
            .AddBundle("edge-3.9", "custom", "2025-11-01", ("core", "3.9.0"))
            .AddBundle("edge-3.10-rc", "custom", "2025-11-02", ("core", "3.10.0-rc.2"))
            .AddBundle("edge-3.10", "custom", "2025-11-03", ("core", "3.10.0"))
            .Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Assert.Equal(0, (await new Installer(temp).InstallAsync(registry.Root)).ExitCode);
        var before = installer.State();

        var refused = await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1");
        var afterRefusal = installer.State();
        var allowed = await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1", "--allow-downgrade");
        var afterDowngrade = installer.Receipt("core.version");
        var up = await installer.InstallAsync(registry.Root, "--bundle", "edge-3.9");
        var rc = await installer.InstallAsync(registry.Root, "--bundle", "edge-3.10-rc");
        var release = await installer.InstallAsync(registry.Root, "--bundle", "edge-3.10");
        var back = await installer.InstallAsync(registry.Root, "--bundle", "edge-3.9", "--dry-run");

        Assert.True(refused.ExitCode == 1, refused.Output + refused.Error);
        Assert.Contains("downgrade core 3.2.1 -> 3.1.0", refused.Output, StringComparison.Ordinal);
        Assert.Contains(
            "error: this would downgrade core 3.2.1 -> 3.1.0, ext-mongodb 1.2.0 -> 1.1.0, platform "
                + "2.6.0 -> 2.5.0, workspace 1.1.0 -> 1.0.0; nothing was changed — pass -",
            refused.Error,
            StringComparison.Ordinal);
        Assert.Contains(
            "allow-downgrade to install the older version",
            refused.Error.Replace("AllowDowngrade", "allow-downgrade", StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Equal(before, afterRefusal);
        Assert.True(allowed.ExitCode == 0, allowed.Output + allowed.Error);
        Assert.Contains("downgrade core 3.2.1 -> 3.1.0", allowed.Output, StringComparison.Ordinal);
        Assert.Equal("3.1.0\n", afterDowngrade);
        Assert.True(up.ExitCode == 0 && up.Output.Contains("upgrade core 3.1.0 -> 3.9.0", StringComparison.Ordinal), up.Output + up.Error);
        Assert.True(
            rc.ExitCode == 0 && rc.Output.Contains("upgrade core 3.9.0 -> 3.10.0-rc.2", StringComparison.Ordinal), rc.Output + rc.Error);
        Assert.True(
            release.ExitCode == 0 && release.Output.Contains("upgrade core 3.10.0-rc.2 -> 3.10.0", StringComparison.Ordinal),
            release.Output + release.Error);
        Assert.True(
            back.ExitCode == 1 && back.Output.Contains("downgrade core 3.10.0 -> 3.9.0", StringComparison.Ordinal),
            back.Output + back.Error);
    }

    [UnixOnlyTheory(Sh)]
    [InlineData("darwin", "arm64", "", "darwin-arm64")]
    [InlineData("linux", "arm64", "", "linux-arm64")]
    [InlineData("", "", "Darwin x86_64 1", "darwin-arm64")]
    [InlineData("", "", "Darwin x86_64 0", "darwin-x64")]
    [InlineData("", "", "Linux aarch64 0", "linux-arm64")]
    public async Task Target_is_detected_including_rosetta_and_picks_that_platform_archive(
        string os, string arch, string fakeUname, string expected)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        installer.Environment["PROVISIONING_OS"] = os.Length == 0 ? null : os;
        installer.Environment["PROVISIONING_ARCH"] = arch.Length == 0 ? null : arch;
        if (fakeUname.Length > 0)
        {
            // uname and sysctl as a Mac would answer (sysctl.proc_translated = 1 under Rosetta 2).
            var parts = fakeUname.Split(' ');
            var bin = Directory.CreateDirectory(temp.Combine("fakebin")).FullName;
            await File.WriteAllTextAsync(
                Path.Combine(bin, "uname"), $"#!/bin/sh\ncase \"$1\" in -s) echo {parts[0]} ;; -m) echo {parts[1]} ;; esac\n");
            await File.WriteAllTextAsync(
                Path.Combine(bin, "sysctl"), $"#!/bin/sh\n[ \"$2\" = sysctl.proc_translated ] && echo {parts[2]}\n");
            await CliProcess.RunAsync("chmod", ["755", Path.Combine(bin, "uname"), Path.Combine(bin, "sysctl")], temp.Path);
            installer.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        }

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains($"target: {expected}", output, StringComparison.Ordinal);
        Assert.Contains($"provisioning-platform-2.6.0-{expected}.tar.gz", output, StringComparison.Ordinal);
        Assert.DoesNotContain("-linux-x64.tar.gz", expected == "linux-x64" ? string.Empty : output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "tampered-archive", "has SHA-256" },
        { "tampered-manifest", "bundles/stable-3.2/bundle.json has SHA-256" },
        { "truncated-archive", "(a truncated or altered download)" },
        { "dotdot", "holds an unsafe path '../evil'" },
        { "absolute", "holds an absolute path '/tmp/evil'" },
        { "escaping-symlink", "holds a symbolic link 'bin/escape' -> '../../etc' that points outside the prefix" },
        { "absolute-symlink", "holds a symbolic link 'bin/escape' -> '/etc/passwd' that points outside the prefix" },
        { "through-symlink", "writes through the symbolic link 'lib/provisioning/inside'" },
        { "hardlink", "holds a hard link" },
        { "fifo", "holds a special file" },
        { "unknown-bundle", "the registry has no bundle 'stable-9.9' — use one of: lts-3.1 stable-3.2" },
        { "unreachable", "could not download http://127.0.0.1:9/index.json" },
        { "missing-archive", "is missing from the registry" },
        { "plain-http", "refusing plain http for 'registry.example.com'" },
    };

    [UnixOnlyTheory(Sh)]
    [MemberData(nameof(BadInputs))]
    public Task Bad_input_is_refused_clearly_and_leaves_the_earlier_install_intact(string bad, string expected) =>
        RefusesBadInputAsync("sh", bad, expected);

    /// <summary>Where sh is bash (macOS), dash still has to refuse: the checksum path and the archive-path checks.</summary>
    [UnixOnlyTheory(Sh, Program = "dash")]
    [InlineData("tampered-archive", "has SHA-256")]
    [InlineData("dotdot", "holds an unsafe path '../evil'")]
    [InlineData("escaping-symlink", "holds a symbolic link 'bin/escape' -> '../../etc' that points outside the prefix")]
    public Task Bad_input_is_refused_under_dash_too(string bad, string expected) =>
        RefusesBadInputAsync("dash", bad, expected);

    internal static async Task RefusesBadInputAsync(string shell, string bad, string expected)
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"));
        var evil = bad switch
        {
            "dotdot" => ArchiveEntry.File("../evil", "x"),
            "absolute" => ArchiveEntry.File("/tmp/evil", "x"),
            "escaping-symlink" => ArchiveEntry.Symlink("bin/escape", "../../etc"),
            "absolute-symlink" => ArchiveEntry.Symlink("bin/escape", "/etc/passwd"),
            "through-symlink" => ArchiveEntry.Symlink("lib/provisioning/inside", "."),
            "hardlink" => ArchiveEntry.HardLink("bin/hard", "bin/provisioning"),
            "fifo" => ArchiveEntry.Fifo("bin/fifo"),
            _ => null,
        };
        if (evil is not null)
        {
            var entries = SyntheticRegistry.DefaultEntries("core", "3.2.1", "noarch").ToList();
            entries.Insert(1, evil);
            if (bad == "through-symlink")
            {
                entries.Add(ArchiveEntry.File("lib/provisioning/inside/x", "x"));
            }

            registry.WithArchive("core", "3.2.1", "noarch", [.. entries]);
        }

        registry.Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        Assert.Equal(0, (await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        var before = installer.State();
        var source = registry.Root;
        var arguments = new List<string> { "--bundle", "stable-3.2" };
        switch (bad)
        {
            case "tampered-archive":
                var archive = registry.ArchivePath("platform", "2.6.0", "linux-x64");
                var bytes = await File.ReadAllBytesAsync(archive);
                bytes[^10] ^= 0xff;
                await File.WriteAllBytesAsync(archive, bytes);
                break;
            case "tampered-manifest":
                var manifest = registry.ManifestPath("stable-3.2");
                await File.WriteAllTextAsync(
                    manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"3.2.1\"", "\"3.2.2\"", StringComparison.Ordinal));
                break;
            case "truncated-archive":
                var truncated = registry.ArchivePath("core", "3.2.1");
                var content = await File.ReadAllBytesAsync(truncated);
                await File.WriteAllBytesAsync(truncated, content[..(content.Length / 2)]);
                break;
            case "missing-archive":
                File.Delete(registry.ArchivePath("ext-mongodb", "1.2.0"));
                break;
            case "unknown-bundle":
                arguments = ["--bundle", "stable-9.9"];
                break;
            case "unreachable":
                source = "http://127.0.0.1:9";
                break;
            case "plain-http":
                source = "http://registry.example.com/provisioning";
                break;
        }

        var (exitCode, output, error) = await installer.InstallAsync(source, [.. arguments]);

        Assert.True(exitCode == 1, $"exit {exitCode}\n{output}{error}");
        var line = error.Split('\n').Single(text => text.StartsWith(
            $"install.{(shell is "nu" or "pwsh" ? shell.Replace("pwsh", "ps1", StringComparison.Ordinal) : "sh")}: error: ",
            StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(" — ", line, StringComparison.Ordinal);
        Assert.Equal(before, installer.State());
        Assert.Equal("3.1.0\n", installer.Receipt("core.version"));
        Assert.False(File.Exists("/tmp/evil") && bad == "absolute", "the absolute path was written");
        Assert.True(installer.TempIsEmpty(), "the temporary folder was not cleaned");
    }

    [UnixOnlyFact(Sh)]
    public async Task Without_any_sha256_tool_the_installer_refuses_instead_of_skipping()
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        // A PATH with every usual program except the three checksum tools.
        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        foreach (var directory in new[] { "/usr/local/bin", "/usr/bin", "/bin" }.Where(Directory.Exists))
        {
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(program);
                if (name is not ("sha256sum" or "shasum" or "openssl") && !File.Exists(Path.Combine(bin, name)))
                {
                    File.CreateSymbolicLink(Path.Combine(bin, name), program);
                }
            }
        }

        installer.Environment["PATH"] = bin;

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root);

        Assert.Equal(1, exitCode);
        Assert.Contains(
            "no SHA-256 tool found (sha256sum, shasum or openssl); the installer refuses to install unverified files",
            error,
            StringComparison.Ordinal);
        Assert.Equal("(no prefix)", installer.State());
        Assert.Empty(output);
    }

    [UnixOnlyFact(Sh)]
    public async Task A_truncated_script_runs_nothing()
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        var script = await File.ReadAllTextAsync(Installer.Script);
        foreach (var fraction in new[] { 0.25, 0.5, 0.9, 0.999 })
        {
            var truncated = temp.Combine($"install-{fraction}.sh");
            await File.WriteAllTextAsync(truncated, script[..(int)(script.Length * fraction)]);

            var result = await CliProcess.RunAsync(
                "sh", [truncated, "--registry", registry.Root, "--prefix", installer.Prefix, "--yes"], temp.Path, installer.Environment);

            Assert.Equal(string.Empty, result.Output);
            Assert.Equal("(no prefix)", installer.State());
        }
    }

    [UnixOnlyFact(Sh)]
    public async Task Without_a_terminal_there_is_no_question_even_without_yes()
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);

        var (exitCode, output, error) = await installer.RunAsync("sh", "--registry", registry.Root, "--prefix", installer.Prefix);

        Assert.True(exitCode == 0, output + error);
        Assert.DoesNotContain("[y/N]", output, StringComparison.Ordinal);
        Assert.Equal("3.2.1\n", installer.Receipt("core.version"));
    }

    [UnixOnlyFact(Sh, Program = "script")]
    public async Task On_a_terminal_the_installer_asks_and_no_changes_nothing()
    {
        using var temp = new TempDirectory("ins");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp);
        installer.Environment["TMPDIR"] = installer.TmpDir;
        var install = $"sh {Installer.Script} --registry {registry.Root} --prefix {installer.Prefix}";
        var command = OperatingSystem.IsMacOS()
            ? $"printf 'n\\n' | script -q /dev/null {install}"
            : $"printf 'n\\n' | script -qec '{install}' /dev/null";

        // script(1) gives the installer a terminal on standard input; the answer "n" arrives through it.
        var (exitCode, output, _) = await CliProcess.RunAsync("sh", ["-c", command], temp.Path, installer.Environment);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Install into " + installer.Prefix + "? [y/N]", output, StringComparison.Ordinal);
        Assert.Contains("cancelled; nothing was changed", output, StringComparison.Ordinal);
        Assert.Equal("(no prefix)", installer.State());
    }

    [UnixOnlyFact(Sh)]
    public async Task Usage_errors_exit_2_and_name_the_problem()
    {
        using var temp = new TempDirectory("ins");
        var installer = new Installer(temp);

        var unknown = await installer.RunAsync("sh", "--frobnicate");
        var both = await installer.RunAsync("sh", "--registry", "x", "--bundle", "a", "--channel", "lts");
        var noRegistry = await installer.RunAsync("sh", "--prefix", installer.Prefix);
        var channel = await installer.RunAsync("sh", "--registry", "x", "--channel", "nightly");

        Assert.Equal(
            (2, "install.sh: error: unknown option '--frobnicate' — run install.sh --help\n"), (unknown.ExitCode, unknown.Error));
        Assert.Equal(
            (2, "install.sh: error: --bundle and --channel exclude each other — run install.sh --help\n"), (both.ExitCode, both.Error));
        Assert.Equal(
            (2, "install.sh: error: no registry: give --registry URL|PATH or set PROVISIONING_REGISTRY — run install.sh --help\n"),
            (noRegistry.ExitCode, noRegistry.Error));
        Assert.Equal(
            (2, "install.sh: error: unknown channel 'nightly' (use stable or lts) — run install.sh --help\n"),
            (channel.ExitCode, channel.Error));
    }

    [TmpfsFact]
    public async Task A_full_disk_fails_cleanly_and_keeps_the_earlier_install()
    {
        using var temp = new TempDirectory("ins");
        var installer = new Installer(temp);
        await using var full = await SmallTmpfsAsync(installer.Prefix, temp);
        var registry = RegistryWithABigTemplate(temp);
        Assert.Equal(0, (await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        var before = installer.State();

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 1, output + error);
        Assert.Contains("free space in", error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", error, StringComparison.Ordinal);
        Assert.Equal(before, installer.State());
        Assert.True(installer.TempIsEmpty(), "the temporary folder was not cleaned");
    }

    [TmpfsFact]
    public async Task A_full_temporary_folder_fails_cleanly_and_keeps_the_earlier_install()
    {
        using var temp = new TempDirectory("ins");
        var installer = new Installer(temp);
        var registry = RegistryWithABigTemplate(temp);
        Assert.Equal(0, (await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1")).ExitCode);
        var before = installer.State();
        await using var full = await SmallTmpfsAsync(installer.TmpDir, temp);

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode != 0, output + error);
        Assert.Contains("install.sh: error: could not unpack provisioning-templates-1.1.0.tar.gz: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(".tar.gz:  —", error, StringComparison.Ordinal); // tar's own complaint is in the message
        Assert.Contains($"check free space in {installer.TmpDir}", error, StringComparison.Ordinal);
        Assert.Equal(before, installer.State());
        Assert.True(installer.TempIsEmpty(), "the temporary folder was not cleaned");
    }

    /// <summary>
    /// The standard registry, its stable-3.2 workspace holding a 400 KB template: more than a <see cref="SmallTmpfsAsync"/> takes.
    /// </summary>
    private static SyntheticRegistry RegistryWithABigTemplate(TempDirectory temp) =>
        SyntheticRegistry.Standard(temp.Combine("registry"))
            .WithArchive(
                "workspace", "1.1.0", "noarch", ArchiveEntry.File("share/provisioning/templates/big.toml", new string('x', 400_000) + "\n"))
            .Write();

    /// <summary>Mounts a 256 KB tmpfs on <paramref name="folder"/> (made first); unmounted when disposed.</summary>
    private static async Task<IAsyncDisposable> SmallTmpfsAsync(string folder, TempDirectory temp)
    {
        Directory.CreateDirectory(folder);
        var mount = await CliProcess.RunAsync("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", folder], temp.Path);
        Assert.True(mount.ExitCode == 0, mount.Error);
        return new Unmount(folder, temp.Path);
    }

    private sealed class Unmount(string folder, string workingDirectory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await CliProcess.RunAsync("umount", [folder], workingDirectory);
    }
}
