using Distribution.Adapters.Signing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Installing;

/// <summary>
/// Issue 21, "Done when": every installer (install.sh under dash and bash, install.nu, install.ps1) trusts index.json
/// only when index.json.sig verifies with the registry's key (directly or through a signed key rotation), and refuses
/// an expired index or one older than the prefix was installed from; a refusal is one line and changes nothing
/// (docs/installing.md, "Signature, expiry and rollback").
/// </summary>
public sealed class SignedRegistryTests
{
    private const string Unix = "install.sh and install.nu run under Unix shells";

    public static TheoryData<string, string> Refusals => new()
    {
        { "rewritten-without-the-key", "index.json's signature (index.json.sig) does not verify with the registry's public key" },
        { "rewritten-and-signed-by-a-stranger", "index.json's signature (index.json.sig) does not verify with the registry's public key" },
        { "unsigned", "the registry has no signature index.json.sig for index.json; refusing to install unsigned files" },
        { "tampered-signature", "index.json's signature (index.json.sig) does not verify with the registry's public key" },
        { "rotation-signed-by-a-stranger", "index.json's signature (index.json.sig) does not verify with the registry's public key" },
        { "expired", "index.json expired on 2021-03-04T00:00:00Z (now " },
        { "replayed", "index.json has serial 4, lower than serial 5 that " },
        { "replayed-over-a-corrupt-receipt", "registry.serial holds 'not-a-number', not a serial, so the installer cannot tell" },
        { "no-key", "this installer carries no registry public key (it is a repository copy, not one a registry published)" },
        { "private-key-given", "registry.pem' holds a private key; refusing to use it" },
        { "empty-key-file", "empty.pem' holds no PEM public key (-----BEGIN PUBLIC KEY-----)" },
    };

    [UnixOnlyTheory(Unix, Program = "dash")]
    [MemberData(nameof(Refusals))]
    public Task Dash_refuses_and_changes_nothing(string attack, string expected) => RefusesAsync("dash", attack, expected);

    [UnixOnlyTheory(Unix, Program = "bash")]
    [MemberData(nameof(Refusals))]
    public Task Bash_refuses_and_changes_nothing(string attack, string expected) => RefusesAsync("bash", attack, expected);

    [UnixOnlyTheory(Unix, Program = "nu")]
    [MemberData(nameof(Refusals))]
    public Task Nu_refuses_and_changes_nothing(string attack, string expected) => RefusesAsync("nu", attack, expected);

    [PowerShellTheory]
    [MemberData(nameof(Refusals))]
    public Task PowerShell_refuses_and_changes_nothing(string attack, string expected) => RefusesAsync("pwsh", attack, expected);

    [UnixOnlyFact(Unix, Program = "dash")]
    public Task Dash_installs_from_a_registry_whose_key_was_rotated() => RotatedKeyInstallsAsync("dash");

    [UnixOnlyFact(Unix, Program = "bash")]
    public Task Bash_installs_from_a_registry_whose_key_was_rotated() => RotatedKeyInstallsAsync("bash");

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_installs_from_a_registry_whose_key_was_rotated() => RotatedKeyInstallsAsync("nu");

    [PowerShellFact]
    public Task PowerShell_installs_from_a_registry_whose_key_was_rotated() => RotatedKeyInstallsAsync("pwsh");

    [UnixOnlyFact(Unix, Program = "dash")]
    public Task Dash_installer_published_by_the_registry_verifies_with_the_key_it_carries() => EmbeddedKeyAsync("dash");

    [UnixOnlyFact(Unix, Program = "bash")]
    public Task Bash_installer_published_by_the_registry_verifies_with_the_key_it_carries() => EmbeddedKeyAsync("bash");

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_installer_published_by_the_registry_verifies_with_the_key_it_carries() => EmbeddedKeyAsync("nu");

    [PowerShellFact]
    public Task PowerShell_installer_published_by_the_registry_verifies_with_the_key_it_carries() => EmbeddedKeyAsync("pwsh");

    [UnixOnlyFact(Unix, Program = "dash")]
    public Task Dash_without_openssl_refuses_to_install() => WithoutOpensslAsync("dash");

    [UnixOnlyFact(Unix, Program = "nu")]
    public Task Nu_without_openssl_refuses_to_install() => WithoutOpensslAsync("nu");

    private static async Task RefusesAsync(string shell, string attack, string expected)
    {
        using var temp = new TempDirectory("signed");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry"));
        registry.Serial = 5;
        var installer = new Installer(temp) { DefaultShell = shell };
        if (attack == "rotation-signed-by-a-stranger")
        {
            registry.RotateTo(SigningKey.Generate("the attacker's key"), TestKeys.Stranger);
        }

        registry.Write();
        if (attack.StartsWith("replayed", StringComparison.Ordinal))
        {
            // The prefix was installed from serial 5; then an older index (serial 4, validly signed) is served.
            var first = await installer.InstallAsync(registry.Root, "--bundle", "lts-3.1");
            Assert.True(first.ExitCode == 0, first.Output + first.Error);
            Assert.Equal("5\n", installer.Receipt("registry.serial"));
        }

        Attack(registry, attack, installer);
        var before = installer.State();

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 1, $"exit {exitCode}\n{output}{error}");
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(attack.StartsWith("replayed", StringComparison.Ordinal) ? before : "(no prefix)", installer.State());
        Assert.True(installer.TempIsEmpty());
    }

    /// <summary>What an attacker (or a stale mirror) does to the registry after it was written and signed.</summary>
    private static void Attack(SyntheticRegistry registry, string attack, Installer installer)
    {
        var signature = Path.Combine(registry.Root, "index.json.sig");
        switch (attack)
        {
            case "rewritten-without-the-key":
            case "rewritten-and-signed-by-a-stranger":
                // A consistent rewrite: another core archive, bundle.json and index.json with its sizes and digests.
                var kept = File.ReadAllBytes(signature);
                File.Delete(registry.ArchivePath("core", "3.2.1"));
                var evil = ArchiveEntry.File("bin/provisioning", "#!/bin/sh\necho pwned\n", executable: true);
                registry.WithArchive("core", "3.2.1", "noarch", evil);
                registry.Serial = 6;
                if (attack == "rewritten-and-signed-by-a-stranger")
                {
                    registry.Key = TestKeys.Stranger;
                    registry.Write();
                }
                else
                {
                    registry.Write();
                    File.WriteAllBytes(signature, kept);
                }

                break;
            case "unsigned":
                File.Delete(signature);
                break;
            case "tampered-signature":
                var bytes = File.ReadAllBytes(signature);
                bytes[^1] ^= 0x01;
                File.WriteAllBytes(signature, bytes);
                break;
            case "expired":
                registry.Serial = 6;
                registry.Expires = "2021-03-04T00:00:00Z";
                registry.Write();
                break;
            case "replayed":
                registry.Serial = 4;
                registry.Write();
                break;
            case "replayed-over-a-corrupt-receipt":
                // A receipt that is no number must not switch the rollback check off.
                File.WriteAllText(Path.Combine(installer.Prefix, "share", "provisioning", "receipts", "registry.serial"), "not-a-number\n");
                registry.Serial = 4;
                registry.Write();
                break;
            case "no-key":
                installer.Environment["PROVISIONING_PUBLIC_KEY"] = null;
                break;
            case "private-key-given":
                // The registry's own private key, given by mistake: refused, although it would verify.
                var secret = Path.Combine(registry.Root, "..", "registry.pem");
                File.WriteAllText(secret, TestKeys.Registry.PrivateKeyPem());
                installer.Environment["PROVISIONING_PUBLIC_KEY"] = secret;
                break;
            case "empty-key-file":
                var empty = Path.Combine(registry.Root, "..", "empty.pem");
                File.WriteAllText(empty, string.Empty);
                installer.Environment["PROVISIONING_PUBLIC_KEY"] = empty;
                break;
        }
    }

    private static async Task RotatedKeyInstallsAsync(string shell)
    {
        using var temp = new TempDirectory("signed");
        using var next = SigningKey.Generate("the next registry key");
        using var third = SigningKey.Generate("the key after it");
        // Two planned rotations: the installer trusts the first key only, and follows the chain.
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).RotateTo(next, TestKeys.Registry).RotateTo(third, next).Write();
        var installer = new Installer(temp) { DefaultShell = shell };

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal("1\n", installer.Receipt("registry.serial"));
        Assert.Equal("stable-3.2\n", installer.Receipt("bundle"));
    }

    private static async Task EmbeddedKeyAsync(string shell)
    {
        using var temp = new TempDirectory("signed");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell, ScriptFolder = Path.Combine(registry.Root, "installers") };
        installer.Environment["PROVISIONING_PUBLIC_KEY"] = null;

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");
        Assert.True(exitCode == 0, output + error);

        // The same installer refuses the same registry signed by another key: it really checks with the key it carries.
        var other = SyntheticRegistry.Standard(temp.Combine("other"));
        other.Key = TestKeys.Stranger;
        other.Write();
        var refused = await installer.RunAsync(
            shell, "--registry", other.Root, "--prefix", temp.Combine("other-prefix"), "--yes", "--bundle", "stable-3.2");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("does not verify with the registry's public key", refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("other-prefix")));
    }

    private static async Task WithoutOpensslAsync(string shell)
    {
        using var temp = new TempDirectory("signed");
        var registry = SyntheticRegistry.Standard(temp.Combine("registry")).Write();
        var installer = new Installer(temp) { DefaultShell = shell };
        var bin = Directory.CreateDirectory(temp.Combine("bin")).FullName;
        foreach (var directory in new[] { "/usr/local/bin", "/usr/bin", "/bin" }.Where(Directory.Exists))
        {
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(program);
                if (name != "openssl" && !File.Exists(Path.Combine(bin, name)))
                {
                    File.CreateSymbolicLink(Path.Combine(bin, name), program);
                }
            }
        }

        installer.Environment["PATH"] = bin;

        var (exitCode, output, error) = await installer.InstallAsync(registry.Root, "--bundle", "stable-3.2");

        Assert.True(exitCode == 1, output + error);
        Assert.Contains(
            "no openssl found: the installer verifies the registry's signature (index.json.sig) with openssl "
            + "and refuses to install without it",
            error,
            StringComparison.Ordinal);
        Assert.Equal("(no prefix)", installer.State());
    }
}
