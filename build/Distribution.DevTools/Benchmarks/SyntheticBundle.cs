using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Distribution.Core.Diagnostics;
using Distribution.Core.Sources;
using Distribution.Core.Toml;

namespace Distribution.DevTools.Benchmarks;

/// <summary>
/// The benchmark's large bundle: core, platform, workspace and <c>components - 3</c> extensions of one monorepo,
/// each built for the four platform targets, with about <c>payloadBytes</c> of mixed payload in all (half
/// executable-like binary, a third text, the rest incompressible), spread unevenly over the components as in a
/// real product. Everything here is text and plans: <see cref="SyntheticRepository"/> histories for
/// <c>git fast-import</c>, a versions.toml pointing at the repositories, and recipes that package each target's
/// payload folder. The same arguments give the same repositories, commit ids and archives on every machine.
/// </summary>
public sealed record SyntheticBundle(
    string BundleId, ImmutableArray<string> Targets, ImmutableArray<string> Extensions, ImmutableArray<SyntheticRepository> Repositories)
{
    public const string Version = "1.0.0";

    /// <summary>Bumped whenever what <see cref="Create"/> makes changes, so generated repositories are made again.</summary>
    public const int GeneratorVersion = 1;

    private static readonly ImmutableArray<string> DefaultTargets = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64"];

    public long PayloadBytes => Repositories.Sum(repository => repository.PayloadBytes);

    /// <summary>A text that changes whenever the generated repositories would: the name of their cache folder.</summary>
    public string Fingerprint
        => string.Create(CultureInfo.InvariantCulture, $"v{GeneratorVersion}-{Extensions.Length + 3}c-{PayloadBytes}b");

    public static SyntheticBundle Create(int components = 20, long payloadBytes = 100_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(payloadBytes, 1 << 20);
        var extensions = Enumerable.Range(1, components - 3)
            .Select(index => string.Create(CultureInfo.InvariantCulture, $"synth-{index:D2}"))
            .ToImmutableArray();
        var names = new[] { "core", "platform", "workspace" }.Concat(extensions).ToArray();

        // Uneven sizes: weights 1 to 5 in a fixed pattern.
        var weights = names.Select((_, index) => 1 + ((index * 7) % 5)).ToArray();
        var unit = (double)payloadBytes / weights.Sum() / DefaultTargets.Length;
        var files = new Dictionary<string, List<SyntheticFile>>(StringComparer.Ordinal);
        ulong seed = 1;
        for (var index = 0; index < names.Length; index++)
        {
            var repository = index < 3 ? names[index] : "extensions";
            var folder = index < 3 ? string.Empty : names[index] + "/";
            var list = files.TryGetValue(repository, out var existing) ? existing : files[repository] = [];
            var perTarget = (int)(unit * weights[index]);
            foreach (var target in DefaultTargets)
            {
                var binary = perTarget / 2;
                var text = perTarget * 35 / 100;
                list.Add(new SyntheticFile($"{folder}{target}/bin/{names[index]}", PayloadKind.Binary, binary, seed++));
                list.Add(new SyntheticFile($"{folder}{target}/share/{names[index]}.txt", PayloadKind.Text, text, seed++));
                list.Add(new SyntheticFile(
                    $"{folder}{target}/assets/{names[index]}.bin", PayloadKind.Random, perTarget - binary - text, seed++));
            }
        }

        var repositories = ImmutableArray.CreateBuilder<SyntheticRepository>();
        foreach (var name in new[] { "core", "platform", "workspace", "extensions" })
        {
            var inline = ImmutableArray.CreateBuilder<SampleFileChange>();
            var tags = ImmutableArray.CreateBuilder<string>();
            if (name == "extensions")
            {
                foreach (var extension in extensions)
                {
                    inline.Add(new SampleFileChange(
                        SampleChangeKind.Inline, extension + "/manifest.toml", Manifest(extension, "taskserv")));
                    tags.Add($"{extension}/v{Version}");
                }
            }
            else
            {
                inline.Add(name == "core"
                    ? new SampleFileChange(
                        SampleChangeKind.Inline, "version.toml", $"name = \"provisioning-core\"\nversion = \"{Version}\"\n")
                    : new SampleFileChange(
                        SampleChangeKind.Inline, "manifest.toml", Manifest(name, name == "workspace" ? "templates" : "platform")));
                tags.Add("v" + Version);
            }

            var payload = files[name].OrderBy(file => file.Path, StringComparer.Ordinal).ToImmutableArray();
            var changes = payload.Select(file => new SampleFileChange(SampleChangeKind.Write, file.Path)).Concat(inline).ToImmutableArray();
            var commit = new SampleCommit(
                "Benchmark <benchmark@example.invalid>",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                $"feat: synthetic {name} {Version}",
                "main",
                null,
                tags.ToImmutable(),
                changes,
                SourceLocation.None);
            repositories.Add(new SyntheticRepository(name, new SampleHistory("main", [commit]), payload));
        }

        return new SyntheticBundle($"synthetic-{components}", DefaultTargets, extensions, repositories.ToImmutable());
    }

    /// <summary>
    /// A versions.toml with the one bundle, its matrix entries, and each component at <paramref name="repositoryPath"/>(name).
    /// </summary>
    public string VersionsToml(Func<string, string> repositoryPath)
    {
        ArgumentNullException.ThrowIfNull(repositoryPath);
        var text = new StringBuilder();
        text.Append("# Generated by the benchmark (SyntheticBundle): ")
            .Append(Extensions.Length + 3)
            .Append(" components, ")
            .Append(Targets.Length)
            .Append(" targets.\n\n");
        foreach (var name in new[] { "core", "platform", "workspace" })
        {
            text.Append("[components.")
                .Append(name)
                .Append("]\nrepository = ")
                .Append(Quote(repositoryPath(name)))
                .Append("\ntag = \"v{version}\"\n\n");
        }

        text.Append("[components.extensions]\nrepository = ").Append(Quote(repositoryPath("extensions")))
            .Append("\ntag = \"{name}/v{version}\"\npath = \"{name}\"\nnames = [")
            .Append(string.Join(", ", Extensions.Select(Quote)))
            .Append("]\n\n");
        text.Append("[compatibility.core]\n\"")
            .Append(Version)
            .Append("\" = { platform = \"^1.0\", extensions = \"^1.0\", workspace = \"^1.0\" }\n\n");
        text.Append("[compatibility.platform]\n\"").Append(Version).Append("\" = { core = \"^1.0\", min-core = \"1.0.0\" }\n\n");
        text.Append("[bundles.").Append(Quote(BundleId)).Append("]\nname = \"Synthetic benchmark bundle\"\nrelease-date = \"2026-01-01\"\n")
            .Append("core = \"")
            .Append(Version)
            .Append("\"\nplatform = \"")
            .Append(Version)
            .Append("\"\nworkspace = \"")
            .Append(Version)
            .Append("\"\n")
            .Append("extensions = [").Append(string.Join(", ", Extensions.Select(name => Quote($"{name}@{Version}")))).Append("]\n");
        return text.ToString();
    }

    /// <summary>The recipes, by recipe folder (core, platform, workspace, extension): each target's payload folder, as is.</summary>
    public ImmutableSortedDictionary<string, string> Recipes()
    {
        var targets = string.Concat(Targets.Select(target => $"\n[targets.{target}]\n"));
        string Recipe(string archive) =>
            "# Generated by the benchmark: packages each target's payload folder, no build "
                + $"step.\narchive = \"{archive}\"\n{targets}\n[[layout]]\nfrom = "
                + $"\"{{source}}/{{target}}\"\nto = \"lib/provisioning/synthetic/{{component}}\"\n";
        return ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["core"] = Recipe("provisioning-core-{version}-{target}.tar.gz"),
            ["platform"] = Recipe("provisioning-platform-{version}-{target}.tar.gz"),
            ["workspace"] = Recipe("provisioning-templates-{version}-{target}.tar.gz"),
            ["extension"] = Recipe("provisioning-ext-{name}-{version}-{target}.tar.gz"),
        });
    }

    private static string Manifest(string name, string type) =>
        $"name = \"{name}\"\nversion = \"{Version}\"\ntype = \"{type}\"\ncore-version = \"^1.0\"\n";

    private static string Quote(string text) => TomlWriter.FormatString(text);
}
