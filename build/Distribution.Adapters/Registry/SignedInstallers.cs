using Distribution.Adapters.Files;
using Distribution.Core.Publishing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// Copies the repository's installers with the registry's public key filled in (<see cref="InstallerKeys"/>); a file
/// without an empty key line is copied as it is.
/// </summary>
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
            var text = InstallerKeys.EmptyKeyLines.ContainsKey(name)
                ? await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)
                : null;
            if (text is not null && InstallerKeys.HasKeyLine(name, text))
            {
                var filled = InstallerKeys.Embed(name, text, publicKeyPem);
                await AtomicFile.WriteAllTextAsync(target, filled, cancellationToken).ConfigureAwait(false);
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
