using Distribution.Core.Contract;
using Distribution.Core.Publishing;

namespace Distribution.Core.Tests.Publishing;

/// <summary>
/// The pure parts of signing (docs/publishing.md, "Signing"): the index's expiry, its renewal, the key in the installers.
/// </summary>
public sealed class SigningCoreTests
{
    private const string Pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEabc+/=\n-----END PUBLIC KEY-----\n";
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Expiry_is_written_after_the_serial_as_a_utc_second_and_read_back()
    {
        var index = RegistryIndexJsonTests.Sample() with { Expires = new DateTimeOffset(2027, 6, 4, 0, 0, 0, TimeSpan.Zero) };

        var text = RegistryIndexJson.Render(index);

        Assert.Contains("  \"serial\": 7,\n  \"expires\": \"2027-06-04T00:00:00Z\",\n  \"channels\"", text, StringComparison.Ordinal);
        Assert.Equal(index.Expires, RegistryIndexJson.Parse(text, "index.json").Expires);
        Assert.Null(RegistryIndexJson.Parse(RegistryIndexJson.Render(RegistryIndexJsonTests.Sample()), "index.json").Expires);
    }

    [Fact]
    public void An_expiry_that_is_not_a_utc_second_is_refused()
    {
        var text = RegistryIndexJson.Render(RegistryIndexJsonTests.Sample())
            .Replace("\"serial\": 7,", "\"serial\": 7, \"expires\": \"tomorrow\",", StringComparison.Ordinal);

        var error = Assert.Throws<Core.Diagnostics.UserErrorException>(() => RegistryIndexJson.Parse(text, "index.json"));

        Assert.Contains("index.expires is not a UTC time", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_index_gets_the_next_serial_and_expires_the_given_days_after_today()
    {
        var current = RegistryIndexJsonTests.Sample() with { Expires = Noon.AddDays(170) };
        var planned = current with { Serial = 8 };

        var next = IndexRenewal.Next(current, planned, signedByThisKey: true, Noon, validDays: 30);

        Assert.Equal(8, next.Serial);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero), next.Expires);
    }

    [Theory]
    [InlineData(true, 100, false)] // signed, more than half left: kept as it is
    [InlineData(true, 80, true)] // less than half of 180 days left: renewed
    [InlineData(false, 170, true)] // not signed by this key (first signing, rotation): renewed
    public void An_unchanged_index_is_renewed_only_when_unsigned_by_this_key_or_half_expired(bool signed, int daysLeft, bool renewed)
    {
        var current = RegistryIndexJsonTests.Sample() with { Expires = Noon.AddDays(daysLeft) };

        var next = IndexRenewal.Next(current, current, signed, Noon, IndexRenewal.DefaultValidDays);

        Assert.Equal(renewed ? 8 : 7, next.Serial);
        Assert.Equal(renewed ? new DateTimeOffset(2027, 6, 4, 0, 0, 0, TimeSpan.Zero) : current.Expires, next.Expires);
    }

    [Fact]
    public void An_index_without_expiry_is_renewed()
    {
        var current = RegistryIndexJsonTests.Sample();

        Assert.Equal(8, IndexRenewal.Next(current, current, signedByThisKey: true, Noon, 180).Serial);
    }

    [Theory]
    [InlineData("install.sh", "#!/bin/sh\nkey() {\n    EMBEDDED_PUBLIC_KEY=''\n}\n", "    EMBEDDED_PUBLIC_KEY='-----BEGIN PUBLIC KEY")]
    [InlineData("install.nu", "const EMBEDDED_PUBLIC_KEY = ''\ndef main [] {}\n", "const EMBEDDED_PUBLIC_KEY = '-----BEGIN PUBLIC KEY")]
    [InlineData("install.ps1", "param()\n$EmbeddedPublicKey = ''\n", "$EmbeddedPublicKey = '-----BEGIN PUBLIC KEY")]
    public void The_public_key_fills_each_installers_empty_key_line(string name, string text, string expected)
    {
        var filled = InstallerKeys.Embed(name, text, Pem);

        Assert.Contains(expected + "-----\nMFkw", filled, StringComparison.Ordinal);
        Assert.Contains("-----END PUBLIC KEY-----'\n", filled, StringComparison.Ordinal);
        Assert.False(InstallerKeys.HasKeyLine(name, filled));
        Assert.Equal("other\n", InstallerKeys.Embed("README.md", "other\n", Pem));
    }

    [Fact]
    public void The_repositorys_installers_each_have_the_empty_key_line_publish_fills()
    {
        foreach (var name in InstallerKeys.EmptyKeyLines.Keys)
        {
            var text = File.ReadAllText(Path.Combine(Distribution.Testing.TestPaths.RepositoryRoot, "installers", name));

            Assert.True(InstallerKeys.HasKeyLine(name, text), $"{name} has no line '{InstallerKeys.EmptyKeyLines[name]}'");
        }
    }

    [Fact]
    public void A_key_that_could_break_out_of_the_quotes_is_refused()
    {
        const string hostile = "-----BEGIN PUBLIC KEY-----\n'; rm -rf /; '\n-----END PUBLIC KEY-----\n";
        Assert.Throws<ArgumentException>(() => InstallerKeys.Embed("install.sh", "    EMBEDDED_PUBLIC_KEY=''\n", hostile));
        Assert.Throws<ArgumentException>(() => InstallerKeys.Embed("install.sh", "no key line\n", Pem));
    }
}
