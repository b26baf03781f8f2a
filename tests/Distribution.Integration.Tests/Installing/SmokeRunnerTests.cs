using System.Collections.Immutable;
using Distribution.Adapters.Files;
using Distribution.Adapters.Installing;
using Distribution.Core.Diagnostics;
using Distribution.Core.Installing;
using Distribution.Pipeline;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// The smoke checks of TestBundle run against a real prefix: what they say when the machine, not the bundle, is at fault.
/// </summary>
public sealed class SmokeRunnerTests
{
    private const string Scripts = "the smoke checks run scripts through their #! line";

    [UnixOnlyFact(Scripts)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_launcher_for_nushell_on_a_machine_without_it_names_nushell_and_not_the_packaging()
    {
        using var temp = new TempDirectory("smoke");
        var prefix = Installed(temp, "#!/usr/bin/env nu\nprint 'provisioning 3.2.1'\n");
        var check = new SmokeCheck("core", "3.2.1", SmokeCheckKind.RunVersion, null, "bin/provisioning", []);

        var results = await new SmokeRunner(prefix, NuPath: null).RunAsync([check], CancellationToken.None);
        var context = new PhaseContext(new RepositoryPaths(temp.Path), new RecordingReporter());
        var error = Assert.Throws<UserErrorException>(() => BundleTestSession.Report(context, "TestBundle stable-3.2", results));

        var result = Assert.Single(results);
        Assert.False(result.Passed);
        Assert.Equal("bin/provisioning runs under Nushell ('nu'), which is not installed on this machine", result.Seen);
        Assert.Contains("install Nushell 0.115 or later", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("fix the component's packaging", error.Message, StringComparison.Ordinal);
    }

    [UnixOnlyFact(Scripts)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_program_that_prints_another_version_still_blames_the_packaging()
    {
        using var temp = new TempDirectory("smoke");
        var prefix = Installed(temp, "#!/bin/sh\necho provisioning 3.2.0\n");
        var check = new SmokeCheck("core", "3.2.1", SmokeCheckKind.RunVersion, null, "bin/provisioning", []);

        var results = await new SmokeRunner(prefix, NuPath: null).RunAsync([check], CancellationToken.None);
        var context = new PhaseContext(new RepositoryPaths(temp.Path), new RecordingReporter());
        var error = Assert.Throws<UserErrorException>(() => BundleTestSession.Report(context, "TestBundle stable-3.2", results));

        Assert.Null(Assert.Single(results).Fix);
        Assert.Contains("fix the component's packaging", error.Message, StringComparison.Ordinal);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static InstalledPrefix Installed(TempDirectory temp, string launcher)
    {
        var root = temp.Combine("prefix");
        var program = Path.Combine(root, "bin", "provisioning");
        Directory.CreateDirectory(Path.GetDirectoryName(program)!);
        File.WriteAllText(program, launcher);
        File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);
        var receipts = Path.Combine(root, "share", "provisioning", "receipts");
        Directory.CreateDirectory(receipts);
        File.WriteAllText(Path.Combine(receipts, "core.files"), "bin/provisioning\n");
        File.WriteAllText(Path.Combine(receipts, "core.version"), "3.2.1\n");
        return new InstalledPrefix(root);
    }
}
