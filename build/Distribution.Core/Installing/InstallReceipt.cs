using System.Collections.Immutable;

namespace Distribution.Core.Installing;

/// <summary>
/// What an installer recorded for one component under <c>PREFIX/share/provisioning/receipts</c>:
/// <c>COMPONENT.files</c> (one installed path a line, relative to the prefix) and <c>COMPONENT.version</c>.
/// </summary>
public sealed record InstallReceipt(string Component, string Version, ImmutableArray<string> Files)
{
    public const string Folder = "share/provisioning/receipts";

    public static InstallReceipt Parse(string component, string filesText, string versionText)
    {
        ArgumentNullException.ThrowIfNull(filesText);
        ArgumentNullException.ThrowIfNull(versionText);
        var files = filesText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return new InstallReceipt(component, versionText.Split('\n')[0].Trim(), files);
    }

    /// <summary>
    /// The files of this (older) receipt that <paramref name="newer"/> no longer lists: an upgrade must have removed them.
    /// </summary>
    public ImmutableArray<string> StaleAfter(InstallReceipt? newer) =>
        [.. Files.Except(newer?.Files ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
