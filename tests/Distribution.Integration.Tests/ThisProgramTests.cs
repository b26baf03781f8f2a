using Distribution.Cli.Hosting;

namespace Distribution.Integration.Tests;

/// <summary>How the program starts itself again (the benchmark's runs, test-integration's steps), however it was built.</summary>
public sealed class ThisProgramTests
{
    [Theory]
    [InlineData("/usr/share/dotnet/dotnet")]
    [InlineData("/opt/dotnet/dotnet.exe")]
    public void Run_by_the_dotnet_host_it_starts_the_host_with_its_assembly(string host)
    {
        var command = ThisProgram.Command(host, "/repo/artifacts/dotnet/cli", ["validate", "--report", "out dir/r.json"]);

        Assert.Equal(host, command.FileName);
        Assert.Equal([Path.Combine("/repo/artifacts/dotnet/cli", "provisioning-dist.dll"), "validate", "--report", "out dir/r.json"], command.Arguments.ToArray());
    }

    [Theory]
    [InlineData("/repo/artifacts/dotnet/cli-native/provisioning-dist")]
    [InlineData("/repo/artifacts/dotnet/cli/provisioning-dist")]
    public void As_an_executable_it_starts_that_executable(string executable)
    {
        var command = ThisProgram.Command(executable, Path.GetDirectoryName(executable)!, ["create-bundle"]);

        Assert.Equal(executable, command.FileName);
        Assert.Equal(["create-bundle"], command.Arguments.ToArray());
    }
}
