using System.Text.RegularExpressions;
using Distribution.Adapters.Http;
using Distribution.Adapters.Signing;
using Distribution.Integration.Tests.Installing;
using Distribution.Testing;

namespace Distribution.Integration.Tests.Publishing;

/// <summary>
/// Issue 21: publish signs index.json and bundle.json (docs/publishing.md, "Signing"): verifiable with stock openssl
/// exactly as the docs say, never with the development key for a release, never over a registry signed by another key
/// unless that key hands over in a planned rotation, which the installers published before the rotation follow.
/// </summary>
public sealed partial class SigningPublishTests
{
    private const string Unix = "runs the documented sh commands and install.sh";

    [UnixOnlyFact(Unix, Program = "openssl")]
    public async Task A_published_signature_verifies_with_openssl_exactly_as_the_docs_say()
    {
        using var work = new TempDirectory("sign");
        var keys = work.Combine("keys");
        var keygen = await CliProcess.RunCliAsync(work.Path, null, "keygen", "--output", keys);
        Assert.True(keygen.ExitCode == 0, keygen.Output + keygen.Error);
        var synthetic = SyntheticRegistry.Standard(work.Combine("synthetic")).Write();
        var registry = work.Combine("registry");
        var environment = new Dictionary<string, string?> { ["PROVISIONING_SIGNING_KEY_FILE"] = Path.Combine(keys, "signing-key.pem") };
        var folder = synthetic.WriteBundleFolder("stable-3.2", work.Combine("bundle"));
        var publish = await CliProcess.RunCliAsync(work.Path, environment, "publish", "--bundle", folder, "--registry", registry);
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        Assert.DoesNotContain("development key", publish.Output, StringComparison.Ordinal);

        // The block of docs/publishing.md, run as it stands, with REGISTRY pointing at the registry served here.
        var block = DocumentedBlock();
        const string verify = "openssl dgst -sha256 -verify registry.pub.pem -signature index.json.sig index.json";
        Assert.Contains(verify, block, StringComparison.Ordinal);
        var user = Directory.CreateDirectory(work.Combine("user")).FullName;
        File.Copy(Path.Combine(keys, "signing-key.pub.pem"), Path.Combine(user, "registry.pub.pem"));
        await using var server = StaticFileServer.Start(registry);
        var script = block.Replace("https://REGISTRY", server.BaseUrl, StringComparison.Ordinal);
        var verified = await CliProcess.RunAsync("sh", ["-e", "-c", script], user);

        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Equal(2, Regex.Count(verified.Output, "^Verified OK$", RegexOptions.Multiline));
        using var key = SigningKey.FromPem(await File.ReadAllTextAsync(Path.Combine(keys, "signing-key.pem")), "the key");
        Assert.Contains(key.Fingerprint, verified.Output, StringComparison.Ordinal);
        var published = await File.ReadAllTextAsync(Path.Combine(registry, "keys", "registry.pub.pem"));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(keys, "signing-key.pub.pem")), published);

        // One changed byte: the same commands fail.
        await File.AppendAllTextAsync(Path.Combine(registry, "index.json"), " ");
        var tampered = await CliProcess.RunAsync("sh", ["-e", "-c", script], user);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("Verification failure", tampered.Output + tampered.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keygen_writes_a_p256_pair_with_a_private_file_only_its_owner_reads_and_never_replaces_it()
    {
        using var work = new TempDirectory("sign");
        var keys = work.Combine("keys");

        var first = await CliProcess.RunCliAsync(work.Path, null, "keygen", "--output", keys);
        var again = await CliProcess.RunCliAsync(work.Path, null, "keygen", "--output", keys);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var pem = await File.ReadAllTextAsync(Path.Combine(keys, "signing-key.pem"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        using var key = SigningKey.FromPem(pem, "keygen's key");
        Assert.Equal(key.PublicKeyPem, await File.ReadAllTextAsync(Path.Combine(keys, "signing-key.pub.pem")));
        Assert.DoesNotContain(pem.Split('\n')[1], first.Output + first.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(keys, "signing-key.pem")));
        }

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error PUB033: ", again.Error, StringComparison.Ordinal);
        Assert.Equal(pem, await File.ReadAllTextAsync(Path.Combine(keys, "signing-key.pem")));
    }

    [Fact]
    public async Task A_release_is_never_signed_with_the_development_key_and_nothing_is_published()
    {
        using var work = new TempDirectory("sign");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var registry = work.Combine("registry");
        var environment = PublishCommandTests.Environment(fake);
        environment["PROVISIONING_SIGNING_KEY"] = null;

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository);

        Assert.Equal(1, exitCode);
        const string refusal = "error PUB031: a release (--github-repo acme/provisioning) is never signed with the development key";
        Assert.Contains(refusal, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(registry), output);
        Assert.Equal(0, fake.MutatingRequests);
    }

    [Fact]
    public async Task A_bad_signing_key_is_a_user_error_that_never_prints_the_key()
    {
        using var work = new TempDirectory("sign");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        const string secret = "-----BEGIN PRIVATE KEY-----\nTm90QUtleUJ1dEFTZWNyZXRUaGF0TXVzdE5vdExlYWs=\n-----END PRIVATE KEY-----\n";
        var environment = new Dictionary<string, string?> { ["PROVISIONING_SIGNING_KEY"] = secret };

        var (exitCode, output, error) = await CliProcess.RunCliAsync(
            work.Path, environment, "publish", "--bundle", bundle, "--registry", work.Combine("registry"));

        Assert.Equal(1, exitCode);
        Assert.Contains("error PUB030: PROVISIONING_SIGNING_KEY holds no PEM ECDSA P-256 private key", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Tm90QUtleUJ1dEFTZWNyZXRUaGF0TXVzdE5vdExlYWs", output + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(work.Combine("registry")));
    }

    [UnixOnlyFact(Unix, Program = "openssl")]
    public async Task A_registry_signed_by_a_release_key_refuses_other_keys_until_a_planned_rotation_which_earlier_installers_follow()
    {
        using var work = new TempDirectory("sign");
        using var old = SigningKey.Generate("the old release key");
        using var next = SigningKey.Generate("the new release key");
        var (registry, lts, stable) = TwoBundles(work);
        var first = await PublishAsync(work, lts, registry, old, previous: null);
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var earlierInstaller = Path.Combine(work.Path, "earlier-install.sh");
        File.Copy(Path.Combine(registry, "installers", "install.sh"), earlierInstaller);
        var before = RegistryPublishTests.Tree(registry);

        var development = await PublishAsync(work, stable, registry, key: null, previous: null);
        var other = await PublishAsync(work, stable, registry, next, previous: null);

        Assert.Equal(1, development.ExitCode);
        var signedByOld = "error PUB032: the registry is signed by key sha256 " + old.Fingerprint[..16];
        Assert.Contains(signedByOld, development.Error, StringComparison.Ordinal);
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("error PUB032: ", other.Error, StringComparison.Ordinal);
        Assert.Equal(before, RegistryPublishTests.Tree(registry));

        var rotated = await PublishAsync(work, stable, registry, next, previous: old);

        Assert.True(rotated.ExitCode == 0, rotated.Output + rotated.Error);
        Assert.Equal("rotation-1.pub.pem\n", await File.ReadAllTextAsync(Path.Combine(registry, "keys", "rotations")));
        Assert.Equal(next.PublicKeyPem, await File.ReadAllTextAsync(Path.Combine(registry, "keys", "rotation-1.pub.pem")));
        var statement = await File.ReadAllBytesAsync(Path.Combine(registry, "keys", "rotation-1.pub.pem"));
        var statementSignature = await File.ReadAllBytesAsync(Path.Combine(registry, "keys", "rotation-1.pub.pem.sig"));
        Assert.True(old.Verifies(statement, statementSignature));
        var index = await File.ReadAllBytesAsync(Path.Combine(registry, "index.json"));
        var indexSignature = await File.ReadAllBytesAsync(Path.Combine(registry, "index.json.sig"));
        Assert.True(next.Verifies(index, indexSignature));
        var installers = await File.ReadAllTextAsync(Path.Combine(registry, "installers", "install.sh"));
        Assert.Contains(next.PublicKeyPem.Split('\n')[1], installers, StringComparison.Ordinal);

        // The installer published before the rotation (it carries the old key) installs from the rotated registry.
        var installer = await InstallStableWithAsync(work, earlierInstaller, registry);
        Assert.Equal("2\n", installer.Receipt("registry.serial"));

        // After the rotation the new key alone publishes; the rerun changes nothing.
        var again = await PublishAsync(work, stable, registry, next, previous: null);
        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("unchanged (serial 2)", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_changed_by_someone_without_the_key_is_refused_not_signed_by_the_next_publish()
    {
        using var work = new TempDirectory("sign");
        using var key = SigningKey.Generate("the release key");
        var (registry, lts, stable) = TwoBundles(work);
        Assert.Equal(0, (await PublishAsync(work, lts, registry, key, previous: null)).ExitCode);
        Assert.Equal(0, (await PublishAsync(work, stable, registry, key, previous: null)).ExitCode);

        // Someone who can push to the registry but has no key points the stable channel back at the older bundle.
        var indexPath = Path.Combine(registry, "index.json");
        var index = await File.ReadAllTextAsync(indexPath);
        var tampered = index.Replace("\"stable\": \"stable-3.2\"", "\"stable\": \"lts-3.1\"", StringComparison.Ordinal);
        Assert.NotEqual(index, tampered);
        await File.WriteAllTextAsync(indexPath, tampered);
        var before = RegistryPublishTests.Tree(registry);

        var (exitCode, output, error) = await PublishAsync(work, stable, registry, key, previous: null);

        Assert.True(exitCode == 1, output + error);
        Assert.Contains("error PUB034: the registry's index.json is not signed by the registry's key", error, StringComparison.Ordinal);
        Assert.Equal(before, RegistryPublishTests.Tree(registry));

        // Once its owner has checked (here: restored) the index, PROVISIONING_ADOPT_INDEX=1 signs it as it is.
        await File.WriteAllTextAsync(indexPath, index);
        var adopted = await PublishAsync(work, stable, registry, key, previous: null, adopt: true);
        Assert.True(adopted.ExitCode == 0, adopted.Output + adopted.Error);
        var signature = await File.ReadAllBytesAsync(Path.Combine(registry, "index.json.sig"));
        Assert.True(key.Verifies(await File.ReadAllBytesAsync(indexPath), signature));
    }

    [UnixOnlyFact(Unix, Program = "openssl")]
    public async Task A_rotation_statement_planted_without_the_old_key_does_not_replace_the_real_one()
    {
        using var work = new TempDirectory("sign");
        using var old = SigningKey.Generate("the old release key");
        using var next = SigningKey.Generate("the new release key");
        var (registry, lts, stable) = TwoBundles(work);
        Assert.Equal(0, (await PublishAsync(work, lts, registry, old, previous: null)).ExitCode);
        var earlierInstaller = Path.Combine(work.Path, "earlier-install.sh");
        File.Copy(Path.Combine(registry, "installers", "install.sh"), earlierInstaller);

        // The new public key was announced before the rotation; someone without the old key plants a statement for it.
        await File.WriteAllTextAsync(Path.Combine(registry, "keys", "rotations"), "rotation-1.pub.pem\n");
        await File.WriteAllTextAsync(Path.Combine(registry, "keys", "rotation-1.pub.pem"), next.PublicKeyPem);
        await File.WriteAllBytesAsync(Path.Combine(registry, "keys", "rotation-1.pub.pem.sig"), TestKeys.Stranger.Sign([1, 2, 3]));

        var rotated = await PublishAsync(work, stable, registry, next, previous: old);

        Assert.True(rotated.ExitCode == 0, rotated.Output + rotated.Error);
        await InstallStableWithAsync(work, earlierInstaller, registry);
    }

    [Fact]
    public async Task The_development_key_given_as_the_signing_key_file_is_still_refused_for_a_release()
    {
        using var work = new TempDirectory("sign");
        await using var fake = await FakeGitHub.StartAsync();
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var cache = work.Combine("cache");
        var made = await CliProcess.RunCliAsync(
            work.Path,
            new Dictionary<string, string?> { ["PROVISIONING_DIST_CACHE"] = cache, ["PROVISIONING_SIGNING_KEY"] = null },
            "publish",
            "--bundle",
            bundle,
            "--registry",
            work.Combine("development"));
        Assert.True(made.ExitCode == 0, made.Output + made.Error);
        var developmentKey = Path.Combine(cache, "signing", SigningKeys.DevelopmentKeyName);
        var copy = work.Combine("release-key.pem");
        File.Copy(developmentKey, copy);

        var givenAs = new[] { ("PROVISIONING_SIGNING_KEY_FILE", copy), ("PROVISIONING_SIGNING_KEY", await File.ReadAllTextAsync(copy)) };
        foreach (var (variable, value) in givenAs)
        {
            var environment = PublishCommandTests.Environment(fake);
            environment["PROVISIONING_DIST_CACHE"] = cache;
            environment["PROVISIONING_SIGNING_KEY"] = null;
            environment[variable] = value;
            var registry = work.Combine("registry-" + variable);

            var (exitCode, output, error) = await CliProcess.RunCliAsync(
                work.Path, environment, "publish", "--bundle", bundle, "--registry", registry, "--github-repo", fake.Repository);

            Assert.True(exitCode == 1, $"{variable}: exit {exitCode}\n{output}{error}");
            Assert.Contains("error PUB031: ", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(registry), output);
            Assert.Equal(0, fake.MutatingRequests);
        }
    }

    [Fact]
    public async Task The_index_expires_after_the_days_asked_for_and_a_publish_of_nothing_new_keeps_it()
    {
        using var work = new TempDirectory("sign");
        var bundle = SyntheticBundle.Create(work.Combine("bundles"));
        var registry = work.Combine("registry");
        var today = DateTime.UtcNow.Date;

        string[] publish = ["publish", "--bundle", bundle, "--registry", registry, "--index-valid-days", "30"];
        var first = await CliProcess.RunCliAsync(work.Path, null, publish);
        var index = await File.ReadAllTextAsync(Path.Combine(registry, "index.json"));
        var second = await CliProcess.RunCliAsync(work.Path, null, publish);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        var expires = Regex.Match(index, "\"expires\": \"([^\"]+)\"").Groups[1].Value;
        var days = new[] { today.AddDays(30), today.AddDays(31) }; // the day may turn between the clock reads
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Contains(expires, days.Select(day => day.ToString("yyyy-MM-dd'T'00:00:00'Z'", invariant)));
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Equal(index, await File.ReadAllTextAsync(Path.Combine(registry, "index.json")));
    }

    /// <summary>A registry folder to publish into and the bundle folders of lts-3.1 and stable-3.2.</summary>
    private static (string Registry, string Lts, string Stable) TwoBundles(TempDirectory work)
    {
        var synthetic = SyntheticRegistry.Standard(work.Combine("synthetic")).Write();
        return (
            work.Combine("registry"),
            synthetic.WriteBundleFolder("lts-3.1", work.Combine("bundles", "lts-3.1")),
            synthetic.WriteBundleFolder("stable-3.2", work.Combine("bundles", "stable-3.2")));
    }

    /// <summary>Installs stable-3.2 from <paramref name="registry"/> with <paramref name="script"/> and the key it carries.</summary>
    private static async Task<Installer> InstallStableWithAsync(TempDirectory work, string script, string registry)
    {
        var installer = new Installer(work);
        installer.Environment["PROVISIONING_PUBLIC_KEY"] = null;
        string[] arguments = [script, "--registry", registry, "--prefix", installer.Prefix, "--yes", "--bundle", "stable-3.2"];
        var installed = await CliProcess.RunAsync("sh", arguments, work.Path, installer.Environment);
        Assert.True(installed.ExitCode == 0, installed.Output + installed.Error);
        return installer;
    }

    private static Task<(int ExitCode, string Output, string Error)> PublishAsync(
        TempDirectory work, string bundle, string registry, SigningKey? key, SigningKey? previous, bool adopt = false)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PROVISIONING_SIGNING_KEY"] = key?.PrivateKeyPem(),
            ["PROVISIONING_PREVIOUS_SIGNING_KEY"] = previous?.PrivateKeyPem(),
            ["PROVISIONING_DIST_CACHE"] = work.Combine("cache"),
            ["PROVISIONING_ADOPT_INDEX"] = adopt ? "1" : null,
        };
        return CliProcess.RunCliAsync(work.Path, environment, "publish", "--bundle", bundle, "--registry", registry);
    }

    /// <summary>The sh block of docs/publishing.md after the verify-by-hand marker.</summary>
    private static string DocumentedBlock()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "publishing.md"));
        var marker = text.IndexOf("<!-- verify-by-hand", StringComparison.Ordinal);
        Assert.True(marker >= 0, "docs/publishing.md has no verify-by-hand block");
        var start = text.IndexOf("```sh\n", marker, StringComparison.Ordinal) + "```sh\n".Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }
}
