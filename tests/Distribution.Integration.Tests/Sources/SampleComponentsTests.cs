using Distribution.Adapters.Processes;
using Distribution.Core.Model;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Sources;

/// <summary>
/// The sample components really work: the core CLI runs under Nushell, the platform services build inside another repository.
/// </summary>
public sealed class SampleComponentsTests
{
    [SkipUnlessFact(Program = "nu")]
    public async Task Core_cli_runs_under_nushell_at_every_core_tag()
    {
        using var testbed = new SourceTestbed();
        var nu = Requirements.FindProgram("nu")!;
        var extensions = await testbed.FetchAsync(SourceTestbed.Bundle("x", "ext-mongodb@1.2.0", "ext-redis@1.1.0"));
        var installed = Path.Combine(testbed.Root, "extensions");
        foreach (var extension in extensions.Components)
        {
            TestFiles.CopyDirectory(extension.ExportPath, Path.Combine(installed, extension.Locked.Component.Name));
        }

        foreach (var version in new[] { "3.1.0", "3.1.5", "3.2.0", "3.2.1", "3.3.0" })
        {
            var core = (await testbed.FetchAsync(SourceTestbed.Bundle("c", "core@" + version))).Components[0].ExportPath;
            var script = Path.Combine(core, "bin", "provisioning");

            var versionRun = await RunAsync(nu, script, "--version");
            var status = await RunAsync(nu, script, "status");
            var list = await RunAsync(nu, script, "extensions", "list", "--json");

            Assert.Equal($"provisioning {version}", versionRun.StandardOutput.Trim());
            Assert.True(status.Succeeded, status.StandardError);
            Assert.Contains(version, status.StandardOutput, StringComparison.Ordinal);
            Assert.True(list.Succeeded, list.StandardError);
            if (version.StartsWith("3.1.", StringComparison.Ordinal))
            {
                Assert.Equal("[]", list.StandardOutput.Trim());
            }
            else
            {
                Assert.Contains("\"name\": \"mongodb\"", list.StandardOutput, StringComparison.Ordinal);
                Assert.Contains("\"core-version\": \"^3.2\"", list.StandardOutput, StringComparison.Ordinal);
            }
        }

        async Task<ProcessResult> RunAsync(string program, params string[] arguments) =>
            await ProcessRunner.RunAsync(
                new ProcessSpec(program, [.. arguments])
                {
                    Environment = System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(
                        "PROVISIONING_EXTENSIONS", installed)
                },
                CancellationToken.None);
    }

    [Fact]
    public async Task Platform_services_build_from_an_export_inside_this_repository_with_their_own_settings()
    {
        using var testbed = new SourceTestbed();
        var export = (await testbed.FetchAsync(SourceTestbed.Bundle("p", "platform@2.6.0"))).Components[0].ExportPath;
        // Inside this repository (artifacts/ is ignored by git), so that our
        // Directory.Build.props would be found if the sample did not stop it.
        var inside = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "test-sources", Guid.NewGuid().ToString("N"));
        TestFiles.CopyDirectory(export, inside);
        try
        {
            // Both services, with the sample's own settings (no app host). Every target's build is the platform
            // recipe's (CreateBundleTests.The_real_platform_recipe_builds_each_targets_native_programs…).
            var output = Path.Combine(inside, "out", "linux-x64");
            var publish = await ProcessRunner.RunAsync(
                ProcessSpec.Of(
                    "dotnet",
                    "publish",
                    Path.Combine(inside, "provisioning-platform.slnx"),
                    "-c",
                    "Release",
                    "-r",
                    "linux-x64",
                    "--self-contained",
                    "false",
                    "-o",
                    output,
                    "-nologo",
                    "-v",
                    "q") with { WorkingDirectory = inside },
                CancellationToken.None);

            Assert.True(publish.Succeeded, publish.Tail(20));
            Assert.True(File.Exists(Path.Combine(output, "provisioning-orchestrator.dll")));
            Assert.True(File.Exists(Path.Combine(inside, "out", "linux-x64", "provisioning-control-center.dll")));

            Assert.False(
                Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "artifacts", "dotnet", "bin", "Orchestrator")),
                "the sample must not use this repository's artifacts output");
            var run = await ProcessRunner.RunAsync(
                ProcessSpec.Of("dotnet", Path.Combine(inside, "out", "linux-x64", "provisioning-orchestrator.dll"), "--version"),
                CancellationToken.None);
            Assert.Equal("provisioning-orchestrator 2.6.0", run.StandardOutput.Trim());
        }
        finally
        {
            Directory.Delete(inside, recursive: true);
        }
    }
}
