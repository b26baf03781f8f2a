namespace Distribution.Core.Diagnostics;

/// <summary>
/// Every diagnostic code the tool reports, one constant per code with its meaning: the one catalogue that
/// docs/diagnostics.md documents (a test checks both ways). Write a code only as one of these constants.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>PD: the tool itself (every verb, the command line, build.cake).</summary>
    public static class Tool
    {
        /// <summary>A command failed without a more specific code.</summary>
        public const string CommandFailed = "PD0001";

        /// <summary>A program the command runs (git, tar, nu…) is not installed or not on PATH.</summary>
        public const string ProgramMissing = "PD0002";

        /// <summary>Cancelled (Ctrl+C).</summary>
        public const string Cancelled = "PD0003";

        /// <summary>build.sh / build.ps1: an unknown --target (written by build.cake, which references no assembly of ours).</summary>
        public const string UnknownTarget = "PD0004";

        /// <summary>The command line is wrong: an unknown option, command or argument, a missing or disallowed value.</summary>
        public const string CommandLine = "PD0005";

        /// <summary>build.sh / build.ps1: an option neither the target nor a target it depends on takes (written by build.cake).</summary>
        public const string UnknownTargetOption = "PD0006";

        /// <summary>A name from a file or an option would make a written path leave its root (bundle, shard, registry, cache).</summary>
        public const string PathOutsideRoot = "PD0007";

        /// <summary>The machine refused a write: a full disk or quota, a read-only file system, or a path not writable.</summary>
        public const string EnvironmentFailure = "PD0008";

        /// <summary>test-report: the results folder does not exist.</summary>
        public const string NoTestResults = "PD0010";

        /// <summary>test-report: a test project's run did not complete (crash, hang, damaged .trx).</summary>
        public const string TestRunIncomplete = "PD0011";

        /// <summary>test-report: a test project expected to run left no results file.</summary>
        public const string TestResultsMissing = "PD0012";

        /// <summary>A file named by --report, --timings or --output cannot be written.</summary>
        public const string OutputUnwritable = "PD0013";

        /// <summary>Unexpected failure: a bug in provisioning-dist (exit code 2).</summary>
        public const string Unexpected = "PD9999";
    }

    /// <summary>TOML: the TOML reader, writer and editor (see docs/toml.md).</summary>
    public static class Toml
    {
        /// <summary>A TomlException made from a message alone (the reader never reports it).</summary>
        public const string Unspecified = "TOML000";

        /// <summary>Syntax: something other than what the grammar allows at this place.</summary>
        public const string Syntax = "TOML001";

        /// <summary>The bytes are not UTF-8 (or a UTF-16 string holds a lone surrogate).</summary>
        public const string Encoding = "TOML002";

        /// <summary>A key is defined twice in the same table.</summary>
        public const string DuplicateKey = "TOML003";

        /// <summary>A table or array of tables is defined twice, or added to after it was closed.</summary>
        public const string Redefinition = "TOML004";

        /// <summary>A string is malformed: bad escape, newline in a one-line string, unterminated.</summary>
        public const string String = "TOML005";

        /// <summary>A number is malformed or out of the 64-bit range.</summary>
        public const string Number = "TOML006";

        /// <summary>A date or time is malformed or out of range.</summary>
        public const string DateTime = "TOML007";

        /// <summary>A control character where TOML does not allow one.</summary>
        public const string ControlCharacter = "TOML008";

        /// <summary>Arrays, inline tables or keys nested deeper than the reader allows.</summary>
        public const string TooDeep = "TOML009";

        /// <summary>Too many errors: the tolerant reader stopped reporting.</summary>
        public const string TooManyErrors = "TOML010";

        /// <summary>The editor cannot make the change asked for (the table exists already, the result would not parse…).</summary>
        public const string Edit = "TOML011";

        /// <summary>The writer was given a value TOML cannot hold (a string with a lone surrogate, a date before year 1…).</summary>
        public const string Unwritable = "TOML012";
    }

    /// <summary>VM: version management (versions.toml, validate, new-bundle).</summary>
    public static class Versions
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

        /// <summary>repository = "sample:NAME" where NAME is not a plain name (it becomes a folder of the cache).</summary>
        public const string BadSampleName = "VM025";

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

    /// <summary>RN: release notes (release-notes, ReleaseNotes).</summary>
    public static class ReleaseNotes
    {
        /// <summary>--since names no bundle and is not a list of COMPONENT@VERSION.</summary>
        public const string BadSince = "RN001";

        /// <summary>--since: a part does not name a component.</summary>
        public const string SinceUnknownComponent = "RN002";

        /// <summary>--since: a part's version is not a version.</summary>
        public const string SinceBadVersion = "RN003";

        /// <summary>--component names no component, or --component/--unreleased is combined with a bundle option.</summary>
        public const string BadComponentRange = "RN004";

        /// <summary>git log failed on a component's range.</summary>
        public const string GitLogFailed = "RN010";

        /// <summary>A component's tag is not in its repository, even after updating the mirror.</summary>
        public const string TagMissing = "RN011";

        /// <summary>--from / --to names neither a version with a tag nor a tag or branch of the component's repository.</summary>
        public const string ReferenceMissing = "RN013";

        /// <summary>No [components.*] table for a component whose history is needed.</summary>
        public const string NoComponentSource = "RN012";

        /// <summary>Pull request details could not be read from GitHub; the notes use git alone (warning).</summary>
        public const string EnrichmentFailed = "RN020";
    }

    /// <summary>SRC: sources (fetch, the lock file, sample repositories, component manifests; docs/sources.md).</summary>
    public static class Sources
    {
        /// <summary>A sample history key is missing or of the wrong type, or a path is not a plain relative path.</summary>
        public const string SampleHistory = "SRC001";

        /// <summary>A sample commit names an unknown author.</summary>
        public const string SampleUnknownAuthor = "SRC002";

        /// <summary>A sample commit merges a branch with no commits, or appends to / deletes a file that is not there.</summary>
        public const string SampleBadChange = "SRC003";

        /// <summary>A sample tag is given to two commits.</summary>
        public const string SampleDuplicateTag = "SRC004";

        /// <summary>A file a sample commit copies is not in samples/NAME/files/.</summary>
        public const string SampleFileMissing = "SRC005";

        /// <summary>sample:NAME names no folder of samples/.</summary>
        public const string UnknownSample = "SRC006";

        /// <summary>Fetching a repository failed; the mirror is left as it was.</summary>
        public const string FetchFailed = "SRC010";

        /// <summary>Reading a tag or exporting failed even after rebuilding the mirror.</summary>
        public const string ReadFailed = "SRC012";

        /// <summary>The tag of a component's version does not exist.</summary>
        public const string TagMissing = "SRC020";

        /// <summary>A tag points to another commit than the lock says (a warning with --update-lock).</summary>
        public const string TagMoved = "SRC021";

        /// <summary>A tagged commit is on no branch (warning).</summary>
        public const string TagOnNoBranch = "SRC022";

        /// <summary>--locked, and the lock would change (or does not exist).</summary>
        public const string LockWouldChange = "SRC023";

        /// <summary>The lock file is malformed.</summary>
        public const string BadLockFile = "SRC024";

        /// <summary>An extension's folder does not exist at its tag.</summary>
        public const string ExtensionFolderMissing = "SRC025";

        /// <summary>A commit's tree in the mirror differs from the locked tree.</summary>
        public const string TreeMismatch = "SRC026";

        /// <summary>A component's manifest is missing or malformed at its tag, or lacks a key its kind must have.</summary>
        public const string BadManifest = "SRC030";

        /// <summary>The manifest's version differs from the bundle's, or an extension's manifest names another extension.</summary>
        public const string ManifestMismatch = "SRC031";

        /// <summary>The manifest's core range does not hold for the bundle's core.</summary>
        public const string CoreRangeBroken = "SRC032";

        /// <summary>Contradicting or incomplete fetch options (--locked with --update-lock, --all with a bundle).</summary>
        public const string BadOptions = "SRC040";

        /// <summary>No [components.*] entry for a component of the bundle.</summary>
        public const string NoComponentSource = "SRC041";

        /// <summary>An exported tree in the cache changed since it was exported (warning: exported again before a build).</summary>
        public const string ExportChanged = "SRC050";
    }

    /// <summary>PKG: packaging (create-bundle, assemble-bundle, packaging/*/recipe.toml).</summary>
    public static class Packaging
    {
        /// <summary>A recipe value is wrong (missing archive, no or unknown target, a bad layout rule…).</summary>
        public const string BadRecipe = "PKG002";

        /// <summary>An unknown key in a recipe, [[layout]] or [[build]].</summary>
        public const string UnknownRecipeKey = "PKG003";

        /// <summary>A command, layout or environment value uses an unknown {placeholder}.</summary>
        public const string UnknownPlaceholder = "PKG004";

        /// <summary>Two archives would have the same name.</summary>
        public const string DuplicateArchive = "PKG005";

        /// <summary>SOURCE_DATE_EPOCH is not a number.</summary>
        public const string BadSourceDateEpoch = "PKG006";

        /// <summary>--targets names an unknown target, or one a per-platform recipe does not build.</summary>
        public const string UnknownTarget = "PKG010";

        /// <summary>This host cannot build a target: a toolchain is missing, or the target needs another OS's runner.</summary>
        public const string HostCannotBuild = "PKG011";

        /// <summary>A build step failed; nothing was packaged for that target.</summary>
        public const string BuildFailed = "PKG020";

        /// <summary>A [[layout]] source does not exist after the build (or leaves the source/output folders).</summary>
        public const string LayoutSourceMissing = "PKG021";

        /// <summary>What the layout maps cannot go into an archive (an escaping link, a device, a path twice).</summary>
        public const string Unarchivable = "PKG022";

        /// <summary>assemble: no shard given, a folder that is not a shard, or a damaged shard.json.</summary>
        public const string NotAShard = "PKG030";

        /// <summary>assemble: shards of different bundles or component commits.</summary>
        public const string ShardsDiffer = "PKG031";

        /// <summary>assemble: an archive missing from its shard, or not matching its size/sha256 in shard.json.</summary>
        public const string ShardArchiveBroken = "PKG032";

        /// <summary>assemble: shards with different release notes.</summary>
        public const string ShardNotesDiffer = "PKG033";

        /// <summary>assemble: two shards hold different bytes for the same archive.</summary>
        public const string ShardArchivesDiffer = "PKG034";

        /// <summary>assemble: --bundle names another bundle than the shards are of.</summary>
        public const string ShardBundleMismatch = "PKG035";

        /// <summary>assemble --locked: a shard component differs from versions.lock, is not locked, or there is no lock.</summary>
        public const string ShardNotLocked = "PKG036";

        /// <summary>assemble: a planned target's archives are in no shard, or one target's shard is given twice.</summary>
        public const string BundleIncomplete = "PKG037";

        /// <summary>create-bundle --targets without --shard-out wrote a partial bundle (warning: never published).</summary>
        public const string PartialBundle = "PKG038";

        /// <summary>A component has no recipe.</summary>
        public const string NoRecipe = "PKG040";

        /// <summary>An archive (a build-cache entry or a shard's) does not have the digest recorded for it as it is placed.</summary>
        public const string ArchiveDigestMismatch = "PKG050";

        /// <summary>Another run holds the lock of the output folder or of a build-cache entry, and did not let go in time.</summary>
        public const string OutputLocked = "PKG051";
    }

    /// <summary>PUB: publishing (publish, PublishBundle; docs/publishing.md).</summary>
    public static class Publishing
    {
        /// <summary>bundle.json is not valid JSON or breaks its format.</summary>
        public const string BadBundleManifest = "PUB001";

        /// <summary>A SHA256SUMS line is not "HEX  NAME", or a name is listed twice.</summary>
        public const string BadSha256Sums = "PUB002";

        /// <summary>The bundle folder, or a file bundle.json or SHA256SUMS names, is missing.</summary>
        public const string BundleFileMissing = "PUB003";

        /// <summary>A file does not match SHA256SUMS or bundle.json, or changed during the copy.</summary>
        public const string DigestMismatch = "PUB004";

        /// <summary>A file in the bundle folder is not listed in SHA256SUMS.</summary>
        public const string StrayFile = "PUB005";

        /// <summary>The bundle is partial: archives its recipes plan are missing (made with --targets, or from too few shards).</summary>
        public const string PartialBundle = "PUB007";

        /// <summary>The bundle folder's bundle.cdx.json is not the SBOM its bundle.json gives.</summary>
        public const string SbomMismatch = "PUB008";

        /// <summary>The registry's index.json is not valid (or of an unknown schema).</summary>
        public const string BadIndex = "PUB006";

        /// <summary>Other bytes under a published registry name.</summary>
        public const string RegistryConflict = "PUB010";

        /// <summary>Another publish holds the registry lock.</summary>
        public const string RegistryLocked = "PUB011";

        /// <summary>--github-repo without GITHUB_TOKEN / GH_TOKEN.</summary>
        public const string NoToken = "PUB020";

        /// <summary>--github-repo is not OWNER/NAME, or GITHUB_API_URL is not an http(s) URL.</summary>
        public const string BadGitHubOption = "PUB021";

        /// <summary>The GitHub API refused or could not be reached.</summary>
        public const string GitHubFailed = "PUB022";

        /// <summary>A finished release asset has other bytes than the bundle's file.</summary>
        public const string ReleaseAssetConflict = "PUB023";

        /// <summary>No bundle, or several, in artifacts/bundles and no --bundle.</summary>
        public const string NoSingleBundle = "PUB024";

        /// <summary>A signing key that cannot be read (no file, not P-256 PEM, both variables set); --index-valid-days below 1.</summary>
        public const string BadSigningKey = "PUB030";

        /// <summary>A release (--github-repo) would be signed with the development key.</summary>
        public const string DevelopmentKeyForRelease = "PUB031";

        /// <summary>The registry's index is signed by another key, and no rotation from it is configured.</summary>
        public const string SignedByAnotherKey = "PUB032";

        /// <summary>keygen: no --output, or the key files exist already.</summary>
        public const string KeyGenRefused = "PUB033";

        /// <summary>The registry's index.json is signed by neither key of this publish: someone without the key changed it.</summary>
        public const string UnsignedIndex = "PUB034";
    }

    /// <summary>INS: installing and the bundle tests (test-bundle, test-upgrade, test-integration; docs/installing.md).</summary>
    public static class Installing
    {
        /// <summary>bundle.json is not schema 1.</summary>
        public const string BadManifest = "INS001";

        /// <summary>No registry folder (no index.json).</summary>
        public const string NoRegistry = "INS010";

        /// <summary>This machine is not a build target.</summary>
        public const string UnsupportedHost = "INS011";

        /// <summary>The registry has no such channel.</summary>
        public const string UnknownChannel = "INS012";

        /// <summary>The registry has no such bundle.</summary>
        public const string UnknownBundle = "INS013";

        /// <summary>--installed without --manifest, with --bundle/--registry, a missing manifest, or a prefix with no receipts.</summary>
        public const string BadInstalledOptions = "INS014";

        /// <summary>install.sh failed to install.</summary>
        public const string InstallFailed = "INS020";

        /// <summary>install.sh failed to uninstall.</summary>
        public const string UninstallFailed = "INS021";

        /// <summary>A smoke check failed.</summary>
        public const string SmokeFailed = "INS030";

        /// <summary>A stale file remained after an upgrade.</summary>
        public const string StaleFile = "INS031";

        /// <summary>Uninstall did not restore the prefix.</summary>
        public const string PrefixNotRestored = "INS032";

        /// <summary>test-integration: an --extensions item is not name@version.</summary>
        public const string BadExtension = "INS040";

        /// <summary>test-integration: no component version given.</summary>
        public const string NoVersions = "INS041";

        /// <summary>test-integration: a combination to build needs --core (or a default bundle to take a version from).</summary>
        public const string VersionNeeded = "INS042";

        /// <summary>test-integration: the bundle tested has other versions than requested.</summary>
        public const string VersionMismatch = "INS043";

        /// <summary>test-integration: a version option is not a version.</summary>
        public const string BadVersion = "INS044";

        /// <summary>test-integration: the versions file does not exist.</summary>
        public const string NoVersionsFile = "INS045";

        /// <summary>test-integration: a step (validate, create-bundle, publish) failed for the combination.</summary>
        public const string StepFailed = "INS046";
    }

    /// <summary>BENCH: the benchmark (benchmark, Benchmark; docs/benchmark.md).</summary>
    public static class Benchmark
    {
        /// <summary>A create-bundle or fetch run of the benchmark failed.</summary>
        public const string RunFailed = "BENCH001";

        /// <summary>pigz is not installed, so packaging is not compared with tar | pigz (warning).</summary>
        public const string NoPigz = "BENCH002";

        /// <summary>tar, gzip or pigz is missing or failed.</summary>
        public const string ToolFailed = "BENCH003";

        /// <summary>An option is out of range.</summary>
        public const string OptionOutOfRange = "BENCH004";

        /// <summary>A speed goal was missed (warning; an error with --check).</summary>
        public const string GoalMissed = "BENCH010";
    }
}
