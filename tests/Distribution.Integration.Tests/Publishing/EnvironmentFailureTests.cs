using Distribution.Integration.Tests.Installing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>Issue 19: a full disk or a read-only folder was exit code 2, "unexpected failure"; now a user error naming the path.</summary>
public sealed class EnvironmentFailureTests
{
    [TmpfsFact]
    public async Task Publishing_onto_a_full_disk_is_a_user_error_naming_the_path_and_what_to_free()
    {
        using var work = new TempDirectory("full");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var registry = work.Combine("registry");
        await using var full = await Tmpfs.MountAsync(registry, work, "size=64k");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path, null, "publish", "--bundle", bundle, "--registry", registry);

        Assert.True(exitCode == 1, output + error);
        Assert.Contains("error PD0008: the disk is full: ", error, StringComparison.Ordinal);
        Assert.Contains(registry, error, StringComparison.Ordinal);
        Assert.Contains("— free space on that file system", error, StringComparison.Ordinal);
        Assert.DoesNotContain("PD9999", error, StringComparison.Ordinal);
    }

    [TmpfsFact]
    public async Task Publishing_into_a_read_only_folder_is_a_user_error_naming_the_path()
    {
        using var work = new TempDirectory("readonly");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var registry = work.Combine("registry");
        await using var readOnly = await Tmpfs.MountAsync(registry, work, "ro,size=64k");

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path, null, "publish", "--bundle", bundle, "--registry", registry);

        Assert.True(exitCode == 1, output + error);
        Assert.Contains("error PD0008: the file system is read-only: ", error, StringComparison.Ordinal);
        Assert.Contains(registry, error, StringComparison.Ordinal);
        Assert.DoesNotContain("PD9999", error, StringComparison.Ordinal);
    }
}
