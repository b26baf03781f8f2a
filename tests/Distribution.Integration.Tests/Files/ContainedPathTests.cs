using Distribution.Adapters.Files;
using Distribution.Core.Diagnostics;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Files;

public sealed class ContainedPathTests
{
    [Theory]
    [InlineData("../x.tar.gz")]
    [InlineData("a/../../x")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("/etc/passwd")]
    public void A_name_that_would_leave_its_root_is_a_user_error_naming_both_paths(string name)
    {
        using var work = new TempDirectory("contained");

        var error = Assert.Throws<UserErrorException>(() => ContainedPath.Under(work.Path, name, "archive"));

        Assert.StartsWith(
            $"error PD0007: archive '{name}' would be written at '", Assert.Single(error.Diagnostics).ToString(), StringComparison.Ordinal);
        Assert.Contains($"outside '{work.Path}'", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_name_is_its_full_path_under_the_root()
    {
        using var work = new TempDirectory("contained");

        var archive = ContainedPath.Under(work.Path, "provisioning-core-3.2.1.tar.gz", "archive");

        Assert.Equal(Path.Combine(work.Path, "provisioning-core-3.2.1.tar.gz"), archive);
        Assert.Equal(Path.Combine(work.Path, "core", "abc"), ContainedPath.Under(work.Path, Path.Combine("core", "abc"), "export"));
    }
}
