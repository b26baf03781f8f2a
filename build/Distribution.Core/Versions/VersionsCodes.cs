namespace Distribution.Core.Versions;

/// <summary>The diagnostic codes of version management (documented in docs/diagnostics.md).</summary>
public static class VersionsCodes
{
    /// <summary>versions.toml is not valid TOML.</summary>
    public const string Syntax = "VM001";

    /// <summary>A key the format does not know.</summary>
    public const string UnknownKey = "VM002";

    /// <summary>A value of the wrong TOML type.</summary>
    public const string WrongType = "VM003";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "VM004";

    /// <summary>A version that is not canonical SemVer.</summary>
    public const string BadVersion = "VM005";

    /// <summary>A version requirement that does not parse.</summary>
    public const string BadRequirement = "VM006";

    /// <summary>A dotted name written without quotes, which TOML splits into nested tables.</summary>
    public const string UnquotedDottedName = "VM007";

    /// <summary>A date that is not a YYYY-MM-DD date.</summary>
    public const string BadDate = "VM008";

    /// <summary>An extension not written name@version.</summary>
    public const string BadExtension = "VM009";

    /// <summary>An extension whose name is not in [components.extensions] names.</summary>
    public const string UnknownExtension = "VM010";

    /// <summary>The same extension twice in one bundle.</summary>
    public const string DuplicateExtension = "VM011";

    /// <summary>A bundle's version no matrix entry governs (warning).</summary>
    public const string Ungoverned = "VM012";

    /// <summary>A bundle component outside a range of the core's matrix entry.</summary>
    public const string CoreRangeBroken = "VM013";

    /// <summary>A bundle's core outside a range of the platform's matrix entry.</summary>
    public const string PlatformRangeBroken = "VM014";

    /// <summary>Two bundles with the same components.</summary>
    public const string IdenticalBundles = "VM015";

    /// <summary>lts-until is not after release-date.</summary>
    public const string LtsBeforeRelease = "VM016";

    /// <summary>An LTS bundle whose lts-until has passed (warning).</summary>
    public const string LtsExpired = "VM017";

    /// <summary>A tag or path pattern without its placeholder.</summary>
    public const string BadPattern = "VM018";

    /// <summary>A malformed or repeated extension name in [components.extensions] names.</summary>
    public const string BadExtensionName = "VM019";

    /// <summary>No [components] table (warning): sources unknown, extension names unchecked.</summary>
    public const string NoComponents = "VM020";

    /// <summary>Two bundles with the same display name.</summary>
    public const string DuplicateBundleName = "VM021";

    /// <summary>A bundle id that is not a plain name.</summary>
    public const string BadBundleId = "VM022";

    /// <summary>Two bundles with the same id (one quoted, one split at its dots).</summary>
    public const string DuplicateBundleId = "VM023";

    /// <summary>Two matrix entries for the same version.</summary>
    public const string DuplicateMatrixEntry = "VM024";

    /// <summary>The versions file does not exist or cannot be read.</summary>
    public const string FileMissing = "VM030";

    /// <summary>No bundle of that id.</summary>
    public const string UnknownBundle = "VM031";

    /// <summary>new-bundle: a bundle of that id exists already.</summary>
    public const string BundleExists = "VM032";

    /// <summary>A command-line value is missing or malformed.</summary>
    public const string BadOption = "VM033";

    /// <summary>No stable bundle to default to.</summary>
    public const string NoDefaultBundle = "VM034";

    /// <summary>new-bundle: the changed file would not validate; nothing was written.</summary>
    public const string ChangeRefused = "VM035";
}
