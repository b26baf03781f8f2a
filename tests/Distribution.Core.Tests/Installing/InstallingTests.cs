using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;
using Distribution.Testing;

namespace Distribution.Core.Tests.Installing;

public sealed class InstallingTests
{
    private const string Manifest = """
        {
          "schema": 1,
          "bundle": "stable-3.2",
          "name": "Stable 3.2 Bundle",
          "kind": "stable",
          "releaseDate": "2025-10-15",
          "ltsUntil": null,
          "components": [
            {"id":"core","version":"3.2.1","tag":"v3.2.1","commit":"aaaa","tree":"bbbb"},
            {"id":"platform","version":"2.6.0","tag":"v2.6.0","commit":"aaaa","tree":"bbbb"},
            {"id":"workspace","version":"1.1.0","tag":"v1.1.0","commit":"aaaa","tree":"bbbb"},
            {"id":"ext-mongodb","version":"1.2.0","tag":"mongodb/v1.2.0","commit":"aaaa","tree":"bbbb"}
          ],
          "artifacts": [
            {"component":"core","version":"3.2.1","target":"noarch","name":"provisioning-core-3.2.1.tar.gz","size":10,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},
            {"component":"ext-mongodb","version":"1.2.0","target":"noarch","name":"provisioning-ext-mongodb-1.2.0.tar.gz","size":10,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},
            {"component":"platform","version":"2.6.0","target":"darwin-arm64","name":"provisioning-platform-2.6.0-darwin-arm64.tar.gz","size":10,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},
            {"component":"platform","version":"2.6.0","target":"linux-x64","name":"provisioning-platform-2.6.0-linux-x64.tar.gz","size":10,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"},
            {"component":"workspace","version":"1.1.0","target":"noarch","name":"provisioning-templates-1.1.0.tar.gz","size":10,"sha256":"0000000000000000000000000000000000000000000000000000000000000000"}
          ]
        }
        """;

    [Fact]
    public void Smoke_plan_runs_the_core_launcher_every_platform_program_and_checks_shared_files()
    {
        var manifest = BundleManifest.Read(Manifest, "bundle.json", "INS001");
        var receipts = new Dictionary<string, InstallReceipt>
        {
            ["core"] = InstallReceipt.Parse("core", "bin/provisioning\nlib/provisioning/x.nu\n", "3.2.1\n"),
            ["platform"] = InstallReceipt.Parse(
                "platform",
                "bin/provisioning-orchestrator\nlib/provisioning/platform/control-center/provisioning-control-center\n"
                    + "lib/provisioning/platform/control-center/provisioning-control-center.dll\n"
                    + "lib/provisioning/platform/control-center/provisioning-control-center.runtimeconfig.json\nlib/x.so\n",
                "2.6.0\n"),
            ["workspace"] = InstallReceipt.Parse(
                "workspace", "share/provisioning/templates/a.toml\nshare/provisioning/templates/default/b.toml\n", "1.1.0\n"),
            ["ext-mongodb"] = InstallReceipt.Parse(
                "ext-mongodb", "lib/provisioning/extensions/mongodb/e.toml\nlib/provisioning/extensions/mongodb/kcl/m.k\n", "1.2.0\n"),
        };

        var plan = SmokeCheckPlanner.Plan(manifest, "linux-x64", receipts);

        Snapshot.Match(string.Join(
            '\n', plan.Select(check => $"{check.Component} {check.ExpectedVersion} {check.Kind}: {check.Describe()}"))
            + "\n");
    }

    [Fact]
    public void Framework_dependent_platform_services_without_app_host_run_through_dotnet()
    {
        var manifest = BundleManifest.Read(Manifest, "bundle.json", "INS001");
        var platform = InstallReceipt.Parse("platform", """
            lib/provisioning/platform/control-center/provisioning-control-center
            lib/provisioning/platform/control-center/provisioning-control-center.dll
            lib/provisioning/platform/control-center/provisioning-control-center.runtimeconfig.json
            lib/provisioning/platform/orchestrator/provisioning-orchestrator.deps.json
            lib/provisioning/platform/orchestrator/provisioning-orchestrator.dll
            lib/provisioning/platform/orchestrator/provisioning-orchestrator.runtimeconfig.json
            lib/provisioning/platform/orchestrator/Newtonsoft.Json.dll
            share/provisioning/platform/README.md
            """, "2.6.0");

        var plan = SmokeCheckPlanner.Plan(manifest, "linux-x64", new Dictionary<string, InstallReceipt> { ["platform"] = platform })
            .Where(check => check.Component == "platform")
            .Select(check => check.Describe())
            .ToArray();

        Assert.Equal(
            [
                "lib/provisioning/platform/control-center/provisioning-control-center --version",
                "dotnet lib/provisioning/platform/orchestrator/provisioning-orchestrator.dll --version",
            ],
            plan);
    }

    [Fact]
    public void Smoke_plan_for_a_target_without_platform_build_leaves_platform_out()
    {
        var manifest = BundleManifest.Read(Manifest, "bundle.json", "INS001");

        var components = manifest.ComponentsFor("linux-arm64");

        Assert.Equal(["core", "workspace", "ext-mongodb"], components.ToArray());
    }

    [Fact]
    public void A_platform_archive_without_programs_still_gets_a_check_that_fails()
    {
        var manifest = BundleManifest.Read(Manifest, "bundle.json", "INS001");

        var plan = SmokeCheckPlanner.Plan(manifest, "linux-x64", ImmutableDictionary<string, InstallReceipt>.Empty);

        Assert.Contains(
            plan, check => check is { Component: "platform", Kind: SmokeCheckKind.RunVersion, Path: "bin/provisioning-orchestrator" });
    }

    [Theory]
    [InlineData("provisioning 3.2.1\n", "3.2.1", true)]
    [InlineData("provisioning-orchestrator v2.6.0 (linux-x64)", "2.6.0", true)]
    [InlineData("version: 3.2.10", "3.2.1", false)]
    [InlineData("3.2.1-rc.1", "3.2.1", false)]
    [InlineData("", "3.2.1", false)]
    public void Printed_version_must_be_exactly_the_bundle_version(string output, string version, bool expected) =>
        Assert.Equal(expected, SmokeCheckPlanner.PrintsVersion(output, version));

    [Fact]
    public void Stale_files_are_those_the_newer_receipt_no_longer_lists()
    {
        var old = InstallReceipt.Parse("core", "bin/provisioning\nlib/provisioning/core-3.1.0.nu\nlib/provisioning/VERSION\n", "3.1.0");
        var newer = InstallReceipt.Parse("core", "bin/provisioning\nlib/provisioning/core-3.2.1.nu\nlib/provisioning/VERSION\n", "3.2.1");

        Assert.Equal(["lib/provisioning/core-3.1.0.nu"], old.StaleAfter(newer).ToArray());
        Assert.Equal(old.Files.ToArray(), old.StaleAfter(null).ToArray());
        Assert.Equal("3.1.0", old.Version);
    }

    [Fact]
    public void Listing_differences_name_what_appeared_and_disappeared()
    {
        var before = PrefixListing.Of(["bin/", "bin/tool"]);
        var after = PrefixListing.Of(["bin/", "share/"]);

        Assert.Equal(["- bin/tool", "+ share/"], before.DifferencesTo(after).ToArray());
        Assert.Empty(before.DifferencesTo(PrefixListing.Of(["bin/tool", "bin/"])));
    }

    [Fact]
    public void A_manifest_that_is_not_bundle_json_is_INS001_naming_the_file()
    {
        var exception = Assert.Throws<UserErrorException>(() => BundleManifest.Read("{\"schema\":1}", "bundles/x/bundle.json", "INS001"));

        Assert.StartsWith(
            "bundles/x/bundle.json: error INS001: not a bundle.json of schema 1",
            exception.Diagnostics[0].ToString(),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, Architecture.X64, "linux-x64")]
    [InlineData(true, false, Architecture.Arm64, "linux-arm64")]
    [InlineData(false, true, Architecture.Arm64, "darwin-arm64")]
    [InlineData(false, true, Architecture.X64, "darwin-x64")]
    [InlineData(false, false, Architecture.X64, null)]
    [InlineData(true, false, Architecture.Arm, null)]
    public void Host_target_names_the_build_matrix_entry(bool linux, bool mac, Architecture architecture, string? expected) =>
        Assert.Equal(expected, HostTarget.Of(linux, mac, architecture));
}
