namespace Distribution.Core.Model;

/// <summary>
/// A component of the product: <c>core</c>, <c>platform</c>, <c>workspace</c>, or an extension of the
/// extensions monorepo, written <c>ext-NAME</c> (<c>ext-mongodb</c>). The string form <see cref="Id"/> is what
/// the lock file, bundle.json, the registry and the installers use.
/// </summary>
public sealed record ComponentId(ComponentKind Kind, string Name) : IComparable<ComponentId>
{
    public const string ExtensionPrefix = "ext-";

    public static ComponentId Core { get; } = new(ComponentKind.Core, "core");

    public static ComponentId Platform { get; } = new(ComponentKind.Platform, "platform");

    public static ComponentId Workspace { get; } = new(ComponentKind.Workspace, "workspace");

    public string Id => Kind == ComponentKind.Extension ? ExtensionPrefix + Name : Name;

    public static ComponentId Extension(string name) => new(ComponentKind.Extension, name);

    /// <summary>Reads the string form; null when it names no component.</summary>
    public static ComponentId? TryParse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id switch
        {
            "core" => Core,
            "platform" => Platform,
            "workspace" => Workspace,
            _ when id.StartsWith(ExtensionPrefix, StringComparison.Ordinal)
                && id.Length > ExtensionPrefix.Length => Extension(id[ExtensionPrefix.Length..]),
            _ => null,
        };
    }

    /// <summary>Core, platform, workspace, then extensions by name: the order of every listing.</summary>
    public int CompareTo(ComponentId? other) =>
        other is null ? 1 : Kind != other.Kind ? Rank(Kind).CompareTo(Rank(other.Kind)) : string.CompareOrdinal(Name, other.Name);

    public override string ToString() => Id;

    private static int Rank(ComponentKind kind) => kind switch
    {
        ComponentKind.Core => 0,
        ComponentKind.Platform => 1,
        ComponentKind.Workspace => 2,
        _ => 3,
    };
}
