using Distribution.Adapters.Files;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>Copies the repository's installers with the registry's public key filled in (<see cref="InstallerKeys"/>).</summary>
public static class SignedInstallers
{
    public static async Task WriteAsync(string installers, string output, string publicKeyPem, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(installers))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(installers).Where(file => !Path.GetFileName(file).StartsWith('.')))
        {
            var name = Path.GetFileName(file);
            var target = Path.Combine(output, name);
            if (InstallerKeys.EmptyKeyLines.ContainsKey(name))
            {
                var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                await AtomicFile.WriteAllTextAsync(target, InstallerKeys.Embed(name, text, publicKeyPem), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                File.Copy(file, target);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
