using Distribution.Core.Diagnostics;

namespace Distribution.Core.Tests.Diagnostics;

public sealed class SecretVariablesTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN", "x")]
    [InlineData("GH_TOKEN", "x")]
    [InlineData("PROVISIONING_REGISTRY_TOKEN", "x")]
    [InlineData("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "x")]
    [InlineData("NuGetApiKey_Secret", "x")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "x")]
    [InlineData("DOCKER_PASSWORD", "x")]
    [InlineData("GIT_CREDENTIALS", "x")]
    [InlineData("SSH_AUTH_SOCK", "/tmp/agent.sock")]
    [InlineData("HARMLESS", "token=ghs_secret1234")]
    public void Variables_named_as_secrets_or_holding_a_known_secret_are_secret(string name, string value) =>
        Assert.True(SecretVariables.IsSecret(name, value, ["ghs_secret1234"]));

    [Theory]
    [InlineData("PATH", "/usr/bin")]
    [InlineData("HOME", "/root")]
    [InlineData("DOTNET_ROOT", "/usr/share/dotnet")]
    [InlineData("CARGO_HOME", "/root/.cargo")]
    [InlineData("HARMLESS", "abc")]
    public void The_rest_of_the_environment_is_kept_for_the_toolchains(string name, string value) =>
        Assert.False(SecretVariables.IsSecret(name, value, ["abc", "ghs_secret1234"]));
}
