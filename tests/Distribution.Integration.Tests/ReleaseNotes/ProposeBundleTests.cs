using Distribution.Testing;

namespace Distribution.Integration.Tests.ReleaseNotes;

/// <summary>
/// <c>new-bundle --propose</c> on the samples: the next bundle as a plan and a diff, nothing written, and Validate accepts it.
/// </summary>
public sealed class ProposeBundleTests
{
    [Fact]
    public async Task Propose_prints_the_next_bundle_and_its_diff_writes_nothing_and_the_bundle_validates_once_applied()
    {
        using var root = ReleaseNotesCommandTests.CopyOfRepository();
        var versions = root.Combine("version-management", "versions.toml");
        var before = await File.ReadAllTextAsync(versions);
        var environment = new Dictionary<string, string?> { ["PROVISIONING_DIST_ROOT"] = root.Path };

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            root.Path, environment, "new-bundle", "--propose", "--release-date", "2026-12-06");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal(before, await File.ReadAllTextAsync(versions));
        Assert.Contains("Proposed bundle stable-3.3 (after stable-3.2):", output, StringComparison.Ordinal);
        Assert.Contains("  core 3.2.1 → 3.3.0 (released, nothing unreleased)", output, StringComparison.Ordinal);
        Assert.Contains("  ext-azure 1.3.0 → 2.0.0 (released, nothing unreleased)", output, StringComparison.Ordinal);
        Assert.Contains("Tags to cut: none (every version is released).", output, StringComparison.Ordinal);
        Assert.Contains("+[bundles.\"stable-3.3\"]", output, StringComparison.Ordinal);
        Assert.Contains("proposal only: version-management/versions.toml was not changed", output, StringComparison.Ordinal);

        const string Apply = "To apply (after the tags exist): provisioning-dist ";
        var apply = output.Split('\n').Single(line => line.StartsWith(Apply, StringComparison.Ordinal));
        string[] arguments = [.. apply[Apply.Length..].Trim()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries), "--release-date", "2026-12-06"];
        var applied = await CliProcess.RunCliAsync(root.Path, environment, arguments);
        var validated = await CliProcess.RunCliAsync(root.Path, environment, "validate");

        Assert.True(applied.ExitCode == 0, applied.Output + applied.Error);
        Assert.True(validated.ExitCode == 0, validated.Output + validated.Error);
        Assert.Contains("[bundles.\"stable-3.3\"]", await File.ReadAllTextAsync(versions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_bundle_without_propose_still_needs_its_versions()
    {
        using var root = ReleaseNotesCommandTests.CopyOfRepository();

        var (exitCode, _, error) = await CliProcess.RunCliAsync(
            root.Path, new Dictionary<string, string?> { ["PROVISIONING_DIST_ROOT"] = root.Path }, "new-bundle", "--bundle", "stable-9.0");

        Assert.Equal(1, exitCode);
        Assert.Contains("error PD0005: new-bundle: option '--core' is required", error, StringComparison.Ordinal);
    }
}
