using System.CommandLine;
using Distribution.Adapters.Signing;
using Distribution.Cli.Hosting;
using Distribution.Core.Diagnostics;

namespace Distribution.Cli.Commands;

/// <summary>
/// <c>keygen --output DIR</c>: makes the registry's signing key pair, ECDSA P-256: <c>DIR/signing-key.pem</c> (PKCS#8,
/// mode 0600: store it as the repository secret PROVISIONING_SIGNING_KEY, then delete it) and
/// <c>DIR/signing-key.pub.pem</c> (SPKI). Never replaces a file. See docs/publishing.md, "Signing".
/// </summary>
public sealed class KeyGenCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outputOption = new Option<string?>("--output")
        {
            Description = "The folder for signing-key.pem (private, 0600) and signing-key.pub.pem; never replaces a file.",
        };
        var command = new Command("keygen", "Make a registry signing key pair (ECDSA P-256, PEM: PKCS#8 private, SPKI public).")
        {
            outputOption,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async token =>
        {
            var output = parse.GetValue(outputOption)
                ?? throw UserErrorException.Of(
                    DiagnosticCodes.Publishing.KeyGenRefused,
                    "keygen needs --output DIR",
                    "give a folder outside the repository, e.g. --output ~/provisioning-keys");
            var folder = Path.GetFullPath(output, context.Paths.Root);
            var fingerprint = await SigningKeys.GenerateAsync(folder, token).ConfigureAwait(false);
            context.Reporter.Success(
                $"wrote {Path.Combine(folder, SigningKeys.PrivateKeyFile)} (private: store it as the secret {SigningKeys.KeyVariable}, "
                + $"then delete it) and {Path.Combine(folder, SigningKeys.PublicKeyFile)} (key sha256 {fingerprint})");
            return CommandRunner.Ok;
        }, cancellationToken));
        return command;
    }
}
