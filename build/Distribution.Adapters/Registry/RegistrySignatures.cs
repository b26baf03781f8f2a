using System.Text;
using Distribution.Adapters.Files;
using Distribution.Adapters.Signing;
using Distribution.Core.Contract;
using Distribution.Core.Diagnostics;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// The signing part of a registry publish (docs/publishing.md, "Signing"): refuses a registry signed by another key
/// (PUB032), renews the index (<see cref="IndexRenewal"/>), writes a rotation statement for a planned key rotation,
/// <c>keys/registry.pub.pem</c>, <c>bundles/BUNDLE/bundle.json.sig</c>, then <c>index.json.sig</c> and
/// <c>index.json</c>. Signatures are never listed in the index; one that verifies with the key is kept as it is.
/// </summary>
internal sealed class RegistrySignatures(
    string root,
    RegistrySigning signing,
    Action<string> log,
    Func<string, string> display,
    FaultInjection faults)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private SigningKey Key => signing.Key;

    /// <summary>Checks the key against the registry's and decides the next index (serial and expiry).</summary>
    public async Task<RegistryPlan> RenewAsync(RegistryPlan plan, CancellationToken cancellationToken)
    {
        var published = await ReadTextAsync(RegistryLayout.PublicKey, cancellationToken).ConfigureAwait(false);
        if (published is not null && published != Key.PublicKeyPem && published != signing.Previous?.PublicKeyPem)
        {
            var other = Signatures.Fingerprint(published) ?? "unreadable";
            var fix = Key.IsDevelopment
                ? $"set {SigningKeys.KeyVariable} to the registry's key (a release key); "
                  + "a registry of an earlier development key: delete it and publish again"
                : $"set {SigningKeys.KeyVariable} to the registry's key, or rotate to this key with "
                  + $"{SigningKeys.PreviousKeyVariable} set to the registry's key (docs/publishing.md#key-rotation)";
            throw UserErrorException.At(
                SourceLocation.InFile(display(Target(RegistryLayout.PublicKey))),
                DiagnosticCodes.Publishing.SignedByAnotherKey,
                $"the registry is signed by key sha256 {other[..16]}…, not by {Key.Source} (sha256 {Key.Fingerprint[..16]}…)", fix);
        }

        var index = await ReadBytesAsync(BundleFiles.RegistryIndex, cancellationToken).ConfigureAwait(false);
        var signature = await ReadBytesAsync(RegistryLayout.Signature(BundleFiles.RegistryIndex), cancellationToken).ConfigureAwait(false);
        var signed = index is not null && signature is not null && Key.Verifies(index, signature);
        if (index is not null && !signed && !signing.AdoptIndex && !Trusted(index, signature, plan))
        {
            // Signing it would make whatever someone without the key wrote into it (a bundle, a channel) trusted.
            throw UserErrorException.At(
                SourceLocation.InFile(display(Target(BundleFiles.RegistryIndex))),
                DiagnosticCodes.Publishing.UnsignedIndex,
                $"the registry's index.json is {(signature is null ? "not signed" : "not signed by the registry's key")} "
                + $"(sha256 {Key.Fingerprint[..16]}…): it was changed by someone without the key, or made before signing, "
                + "and publish would sign what it lists",
                "restore the last index.json and index.json.sig publish wrote (e.g. from the registry's git history); once you have "
                + $"checked every entry, {SigningKeys.AdoptIndexVariable}=1 signs it as it is (docs/publishing.md#signing)");
        }

        return plan with { Next = IndexRenewal.Next(plan.Current, plan.Next, signed, signing.Now, signing.ValidDays) };
    }

    /// <summary>
    /// An index not signed by this key that publish may still sign: the previous key's (a planned rotation), or the one
    /// a publish killed between writing index.json.sig and index.json left (the signature is of the index it renders).
    /// </summary>
    private bool Trusted(byte[] index, byte[]? signature, RegistryPlan plan)
    {
        if (signature is null)
        {
            return false;
        }

        if (signing.Previous is { } previous && previous.Verifies(index, signature))
        {
            return true;
        }

        var next = IndexRenewal.Next(plan.Current, plan.Next, signedByThisKey: false, signing.Now, signing.ValidDays);
        return Key.Verifies(Utf8.GetBytes(RegistryIndexJson.Render(next)), signature);
    }

    /// <summary>Writes what the publish signs; the index (and its signature) only when <paramref name="plan"/> changes it.</summary>
    public async Task SignAsync(string bundle, RegistryPlan plan, CancellationToken cancellationToken)
    {
        if (signing.Previous is { } previous && previous.Fingerprint != Key.Fingerprint)
        {
            await RotateAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        if (await ReadTextAsync(RegistryLayout.PublicKey, cancellationToken).ConfigureAwait(false) != Key.PublicKeyPem)
        {
            log($"write {display(Target(RegistryLayout.PublicKey))} (key sha256 {Key.Fingerprint[..16]}…)");
            await AtomicFile.WriteAllTextAsync(Target(RegistryLayout.PublicKey), Key.PublicKeyPem, cancellationToken).ConfigureAwait(false);
        }

        var manifest = RegistryLayout.BundleFile(bundle, BundleFiles.Manifest);
        var manifestBytes = await ReadBytesAsync(manifest, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{manifest} was not published");
        var manifestSignature = await ReadBytesAsync(RegistryLayout.Signature(manifest), cancellationToken).ConfigureAwait(false);
        if (manifestSignature is null || !Key.Verifies(manifestBytes, manifestSignature))
        {
            log($"sign {display(Target(manifest))} -> {Path.GetFileName(RegistryLayout.Signature(manifest))}");
            var signature = Key.Sign(manifestBytes);
            await WriteAsync(RegistryLayout.Signature(manifest), signature, cancellationToken).ConfigureAwait(false);
        }

        if (plan.IndexChanged)
        {
            var index = Utf8.GetBytes(RegistryIndexJson.Render(plan.Next));
            var expires = RegistryIndexJson.FormatExpiry(plan.Next.Expires!.Value);
            log($"sign {display(Target(BundleFiles.RegistryIndex))} (serial {plan.Next.Serial}, expires {expires})");
            var signature = Key.Sign(index);
            await WriteAsync(RegistryLayout.Signature(BundleFiles.RegistryIndex), signature, cancellationToken).ConfigureAwait(false);
            faults.Step();
            await AtomicFile.WriteAllBytesAsync(Target(BundleFiles.RegistryIndex), index, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds <c>keys/rotation-N.pub.pem</c> (this key, signed by <paramref name="previous"/>) unless a statement for it
    /// exists that <paramref name="previous"/> signed (one with another signature, which anyone could write, does not count).
    /// </summary>
    private async Task RotateAsync(SigningKey previous, CancellationToken cancellationToken)
    {
        var list = await ReadTextAsync(RegistryLayout.Rotations, cancellationToken).ConfigureAwait(false) ?? string.Empty;
        var names = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            var existing = await ReadBytesAsync("keys/" + name, cancellationToken).ConfigureAwait(false);
            var existingSignature = await ReadBytesAsync("keys/" + name + ".sig", cancellationToken).ConfigureAwait(false);
            if (existing is not null && existingSignature is not null && Utf8.GetString(existing) == Key.PublicKeyPem
                && previous.Verifies(existing, existingSignature))
            {
                return;
            }
        }

        var statement = RegistryLayout.Rotation(names.Length + 1);
        log($"write {display(Target(statement))} (key sha256 {Key.Fingerprint[..16]}…, "
            + $"signed by {previous.Source}, sha256 {previous.Fingerprint[..16]}…)");
        var bytes = Utf8.GetBytes(Key.PublicKeyPem);
        await AtomicFile.WriteAllBytesAsync(Target(statement), bytes, cancellationToken).ConfigureAwait(false);
        var signature = previous.Sign(bytes);
        await WriteAsync(RegistryLayout.Signature(statement), signature, cancellationToken).ConfigureAwait(false);
        var rotations = list + Path.GetFileName(statement) + "\n";
        await AtomicFile.WriteAllTextAsync(Target(RegistryLayout.Rotations), rotations, cancellationToken).ConfigureAwait(false);
    }

    private Task WriteAsync(string relative, byte[] bytes, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(Target(relative), bytes, cancellationToken);

    private string Target(string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));

    private async Task<byte[]?> ReadBytesAsync(string relative, CancellationToken cancellationToken) =>
        File.Exists(Target(relative)) ? await File.ReadAllBytesAsync(Target(relative), cancellationToken).ConfigureAwait(false) : null;

    private async Task<string?> ReadTextAsync(string relative, CancellationToken cancellationToken) =>
        File.Exists(Target(relative)) ? await File.ReadAllTextAsync(Target(relative), cancellationToken).ConfigureAwait(false) : null;
}
