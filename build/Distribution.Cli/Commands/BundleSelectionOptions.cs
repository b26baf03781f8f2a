using System.CommandLine;
using Distribution.Pipeline;

namespace Distribution.Cli.Commands;

/// <summary>
/// The options that choose a bundle, shared by <c>fetch</c> and <c>create-bundle</c>: <c>--versions</c>,
/// <c>--bundle</c>, the ad-hoc combination (<c>--core</c>, <c>--platform</c>, <c>--workspace</c>,
/// <c>--extensions</c>) and <c>--newest</c>. Each command lists them where its help shows them and words
/// <c>--bundle</c> and <c>--core</c> for what it does; <see cref="Read"/> makes the <see cref="BundleSelection"/>.
/// </summary>
internal sealed class BundleSelectionOptions(string bundleDescription, string coreDescription)
{
    public Option<string> Versions { get; } = new("--versions")
    {
        Description = "The versions file (default: version-management/versions.toml); the lock is versions.lock beside it."
    };

    public Option<string> Bundle { get; } = new("--bundle") { Description = bundleDescription };

    public Option<string> Core { get; } = new("--core") { Description = coreDescription };

    public Option<string> Platform { get; } = new("--platform") { Description = "Ad-hoc combination: the platform version." };

    public Option<string> Workspace { get; } = new("--workspace") { Description = "Ad-hoc combination: the workspace version." };

    public Option<string> Extensions { get; } = new("--extensions")
    {
        Description = "Ad-hoc combination: extensions as name@version, comma-separated."
    };

    public Option<bool> Newest { get; } = new("--newest")
    {
        Description = "The newest tag of every component that the matrix allows (nightly runs); --bundle names it (default: newest)."
    };

    public BundleSelection Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new BundleSelection(
            parse.GetValue(Versions),
            parse.GetValue(Bundle),
            parse.GetValue(Core),
            parse.GetValue(Platform),
            parse.GetValue(Workspace),
            parse.GetValue(Extensions),
            parse.GetValue(Newest));
    }
}
