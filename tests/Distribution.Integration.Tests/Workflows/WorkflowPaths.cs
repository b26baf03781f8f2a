using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Distribution.Integration.Tests.Workflows;

/// <summary>
/// A model of the files a workflow's steps write and read, so a test can check that every path a step reads was
/// written by an earlier step (in its job, or in a job it downloads an artifact from). It knows what our targets
/// write (docs/formats.md: a bundle folder, a shard, a registry), what the artifact actions copy, and reads paths under
/// <c>artifacts/</c> from shell lines. Variables stay symbolic: <c>$BUNDLE</c> and <c>${{ env.BUNDLE }}</c> are both
/// <c>{BUNDLE}</c>; matrix values are expanded per matrix entry; <c>*</c> is one unknown path segment.
/// </summary>
internal static partial class WorkflowPaths
{
    /// <summary>Every read that no earlier step wrote, as "workflow job (step): reads PATH …" lines.</summary>
    public static IReadOnlyList<string> UnwrittenReads(WorkflowFile workflow) => Analyse(workflow).Problems;

    /// <summary>Every path read by some step, as "job: PATH" (to check that the model sees the reads at all).</summary>
    public static IReadOnlyList<string> Reads(WorkflowFile workflow) => Analyse(workflow).Reads;

    private static (List<string> Problems, List<string> Reads) Analyse(WorkflowFile workflow)
    {
        var problems = new List<string>();
        var reads = new List<string>();
        var artifacts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var job in workflow.Jobs.Children)
        {
            var jobName = ((YamlScalarNode)job.Key).Value!;
            var uploads = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var matrix in MatrixEntries((YamlMappingNode)job.Value))
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                var steps = WorkflowFile.Child((YamlMappingNode)job.Value, "steps") as YamlSequenceNode ?? [];
                foreach (var step in steps.Children.Cast<YamlMappingNode>())
                {
                    var stepName = WorkflowFile.Scalar(step, "name")
                        ?? WorkflowFile.Scalar(step, "uses")
                        ?? WorkflowFile.Scalar(step, "run")
                        ?? "?";
                    void Require(string path)
                    {
                        reads.Add($"{jobName}: {path}");
                        if (!written.Any(file => Covers(file, path)))
                        {
                            problems.Add($"{workflow.Name} job {jobName} ({stepName}): reads {path}, which no earlier "
                                + $"step writes (written: {string.Join(", ", written.Order(StringComparer.Ordinal))})");
                        }
                    }

                    var with = WorkflowFile.Child(step, "with") as YamlMappingNode;
                    var uses = WorkflowFile.Scalar(step, "uses") ?? string.Empty;
                    if (uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) && with is not null)
                    {
                        var path = Normalise(Substitute(WorkflowFile.Scalar(with, "path")!, matrix));
                        var name = Substitute(WorkflowFile.Scalar(with, "name") ?? "artifact", matrix);
                        var ifNoFiles = WorkflowFile.Scalar(with, "if-no-files-found");
                        if (ifNoFiles != "ignore")
                        {
                            Require(path);
                        }

                        uploads[name] = [.. written.Where(file => file == path
                            || file.StartsWith(path + "/", StringComparison.Ordinal)).Select(file => file == path
                                ? string.Empty
                                : file[(path.Length + 1)..])];
                    }
                    else if (uses.StartsWith("actions/download-artifact@", StringComparison.Ordinal) && with is not null)
                    {
                        var path = Normalise(Substitute(WorkflowFile.Scalar(with, "path") ?? ".", matrix));
                        var pattern = WorkflowFile.Scalar(with, "pattern");
                        var name = WorkflowFile.Scalar(with, "name");
                        var merge = WorkflowFile.Scalar(with, "merge-multiple") == "true";
                        var matching = artifacts.Where(artifact => name is not null
                            ? artifact.Key == Substitute(name, matrix)
                            : pattern is not null && Glob(pattern).IsMatch(artifact.Key)).ToList();
                        if (matching.Count == 0)
                        {
                            problems.Add($"{workflow.Name} job {jobName} ({stepName}): downloads "
                                + $"artifact {name ?? pattern}, which no earlier job uploads");
                        }

                        foreach (var (artifact, files) in matching)
                        {
                            var folder = name is null && !merge ? Join(path, artifact) : path;
                            written.UnionWith(files.Select(file => Join(folder, file)));
                        }
                    }
                    else if (WorkflowFile.Scalar(step, "run") is { } run)
                    {
                        foreach (var command in Commands(Substitute(run, matrix)))
                        {
                            RunCommand(command, written, Require);
                        }
                    }
                }
            }

            foreach (var (name, files) in uploads)
            {
                artifacts[name] = files;
            }
        }

        return (problems, reads);
    }

    /// <summary>One build.sh call or shell command: what it reads (checked now) and what it writes.</summary>
    private static void RunCommand(IReadOnlyList<string> words, HashSet<string> written, Action<string> require)
    {
        var build = words.ToList().FindIndex(word => word.EndsWith("build.sh", StringComparison.Ordinal)
            || word.EndsWith("build.ps1", StringComparison.Ordinal));
        if (build >= 0)
        {
            var arguments = words.Skip(build + 1).Select(word => OptionWord().Match(word)).Where(match => match.Success)
                .GroupBy(match => match.Groups[1].Value, StringComparer.Ordinal)
                .ToDictionary(
                    group => group.Key,
                    group => group.Last().Groups[2].Success ? Normalise(group.Last().Groups[2].Value) : "true",
                    StringComparer.Ordinal);
            string? Get(string name) => arguments.GetValueOrDefault(name);
            var bundle = Get("bundle") ?? "*";
            switch (Get("target"))
            {
                case "CreateBundle" when Get("shard-out") is { } shard:
                    written.UnionWith(Shard(shard));
                    break;
                case "CreateBundle":
                    written.UnionWith(BundleFolder(Get("output") ?? $"artifacts/bundles/{bundle}", bundle));
                    break;
                case "AssembleBundle":
                    foreach (var shard in (Get("artifacts-from") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        require(Join(Normalise(shard), "shard.json"));
                    }

                    written.UnionWith(BundleFolder(Get("output") ?? $"artifacts/bundles/{bundle}", bundle));
                    break;
                case "PublishBundle":
                    require(Join(bundle.Contains('/', StringComparison.Ordinal) ? bundle : $"artifacts/bundles/{bundle}", "bundle.json"));
                    written.UnionWith(Registry(
                        Get("registry") ?? "artifacts/registry", bundle.Contains('/', StringComparison.Ordinal) ? "*" : bundle));
                    break;
                case "Validate" when Get("report") is { } report:
                    written.Add(report);
                    break;
                case "TestBundle" when Get("installed") is not null:
                    break;
                case "TestBundle" or "TestUpgrade":
                case "TestIntegration" when Get("registry") is not null:
                    require(Join(Get("registry") ?? "artifacts/registry", "index.json"));
                    break;
                default:
                    break;
            }

            return;
        }

        // git worktree add [options] DIR [commit]: makes the folder DIR (the registry branch's checkout).
        if (words.Count > 3 && words[0] == "git" && words[1] == "worktree" && words[2] == "add")
        {
            written.UnionWith(words.Skip(3).Where(word => word.StartsWith("artifacts/", StringComparison.Ordinal)).Select(Normalise));
            return;
        }

        // A shell command: every word naming a path under artifacts/ is read, unless it is a redirection target;
        // "cd DIR && sha256sum -c FILE" reads DIR/FILE.
        for (var index = 0; index < words.Count; index++)
        {
            var word = words[index];
            if (word is ">" or ">>" or "mkdir" or "rm")
            {
                if (index + 1 < words.Count && word is ">" or ">>")
                {
                    written.Add(Normalise(words[index + 1]));
                }

                return;
            }

            if (word.StartsWith("artifacts/", StringComparison.Ordinal) && (index == 0 || words[index - 1] != "cd"))
            {
                require(Normalise(word));
            }
        }
    }

    /// <summary>
    /// The commands of a run: script, one word list each (continuations joined; split at newlines,
    /// &amp;&amp;, ||, ;, | and parentheses; quotes removed), with cd folders applied to sha256sum -c.
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> Commands(string run)
    {
        var text = run.Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var code = line.TrimStart();
            if (code.StartsWith('#'))
            {
                continue;
            }

            string? folder = null;
            foreach (var part in CommandSeparator().Split(code))
            {
                var words = Word().Matches(part)
                    .Select(match => match.Value.Replace(
                        "\"", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal))
                    .ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                if (words[0] == "cd" && words.Count > 1)
                {
                    folder = Normalise(words[1]);
                    continue;
                }

                if (words[0] == "sha256sum" && words.Contains("-c") && folder is not null)
                {
                    yield return [Join(folder, words[^1])];
                    continue;
                }

                yield return words;
            }
        }
    }

    private static IEnumerable<string> BundleFolder(string folder, string bundle) =>
        [
            folder,
            .. new[] { "bundle.json", "SHA256SUMS", "RELEASE_NOTES.md", "bundle.cdx.json", $"provisioning-bundle-{bundle}.tar.gz" }
                .Select(name => Join(folder, name))];

    private static IEnumerable<string> Shard(string folder) => [folder, Join(folder, "shard.json"), Join(folder, "RELEASE_NOTES.md")];

    private static IEnumerable<string> Registry(string folder, string bundle) =>
    [
        folder,
        .. new[] { "index.json", "installers/install.sh", "installers/install.nu", "installers/install.ps1", "bundles" }.Select(
            name => Join(
            folder, name)),
        .. BundleFolder(Join(folder, $"bundles/{bundle}"), bundle),
    ];

    /// <summary>
    /// Whether the written path <paramref name="file"/> is <paramref name="path"/> (segment by segment, <c>*</c> matching any one).
    /// </summary>
    private static bool Covers(string file, string path)
    {
        var left = file.Split('/');
        var right = path.Split('/');
        return left.Length == right.Length
            && left.Zip(right).All(pair => pair.First == pair.Second || pair.First == "*" || pair.Second == "*");
    }

    private static IEnumerable<IReadOnlyDictionary<string, string>> MatrixEntries(YamlMappingNode job)
    {
        if (WorkflowFile.Child(job, "strategy") is not YamlMappingNode strategy
            || WorkflowFile.Child(strategy, "matrix") is not YamlMappingNode matrix)
        {
            return [new Dictionary<string, string>(StringComparer.Ordinal)];
        }

        IEnumerable<Dictionary<string, string>> entries = [new Dictionary<string, string>(StringComparer.Ordinal)];
        foreach (var (key, value) in matrix.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, pair.Value)))
        {
            if (key == "include" && value is YamlSequenceNode include)
            {
                entries = [
                    .. entries.SelectMany(entry => include.Children.Cast<YamlMappingNode>().Select(item => new Dictionary<string, string>(
                    entry.Concat(item.Children.Select(pair => KeyValuePair.Create(
                        ((YamlScalarNode)pair.Key).Value!, ((YamlScalarNode)pair.Value).Value ?? string.Empty))),
                    StringComparer.Ordinal)))];
            }
            else if (value is YamlSequenceNode values)
            {
                entries = [
                    .. entries.SelectMany(
                        entry => values.Children.OfType<YamlScalarNode>().Select(
                            item => new Dictionary<string, string>(entry, StringComparer.Ordinal)
                {
                    [key] = item.Value ?? string.Empty
                }))];
            }
        }

        return entries;
    }

    /// <summary>Matrix values put in; env variables made symbolic ({NAME}), whatever their spelling.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string> matrix)
    {
        text = MatrixExpression().Replace(text, match => matrix.TryGetValue(match.Groups[1].Value, out var value) ? value : "*");
        text = EnvExpression().Replace(text, match => "{" + match.Groups[1].Value + "}");
        return ShellVariable().Replace(
            text, match => "{" + (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value) + "}");
    }

    private static string Normalise(string path)
    {
        path = path.Trim().Trim('"', '\'').Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.TrimEnd('/');
    }

    private static string Join(string folder, string name) => name.Length == 0 ? folder : folder is "." or "" ? name : $"{folder}/{name}";

    private static Regex Glob(string pattern)
        => new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^--([a-z][a-z-]*)(?:=(.*))?$")]
    private static partial Regex OptionWord();

    [GeneratedRegex(@"&&|\|\||;|\||\(|\)")]
    private static partial Regex CommandSeparator();

    [GeneratedRegex("""(?:"[^"]*"|'[^']*'|[^\s"'])+""")]
    private static partial Regex Word();

    [GeneratedRegex(@"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex MatrixExpression();

    [GeneratedRegex(@"\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex EnvExpression();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();
}
