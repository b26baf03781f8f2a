using System.Text.RegularExpressions;
using Distribution.Testing;
using YamlDotNet.RepresentationModel;

namespace Distribution.Integration.Tests.Workflows;

public sealed partial class WorkflowTests
{
    [Fact]
    public void Ci_nightly_release_and_installer_workflows_exist_and_parse()
    {
        Assert.Equal(["ci.yml", "installers.yml", "nightly.yml", "release.yml"], WorkflowFile.All.Select(workflow => workflow.Name));
        Assert.All(WorkflowFile.All, workflow => Assert.NotEmpty(workflow.Jobs.Children));
    }

    [Fact]
    public void Every_target_a_workflow_runs_exists_in_build_cake()
    {
        var cake = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "build", "build.cake"));
        var tasks = TaskDefinition().Matches(cake).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var called = WorkflowFile.All
            .SelectMany(workflow => workflow.Steps().Select(step => (
                workflow.Name, Run: WorkflowFile.Scalar(step.Step, "run") ?? string.Empty)))
            .SelectMany(step => TargetCall().Matches(step.Run).Select(match => (step.Name, Target: match.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(called);
        Assert.All(
            called,
            call => Assert.True(tasks.Contains(call.Target), $"{call.Name} runs --target={call.Target}, which build.cake does not define"));
    }

    [Fact]
    public void Every_argument_a_workflow_passes_to_a_target_is_one_build_cake_forwards_for_it_or_a_dependency()
    {
        var cake = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "build", "build.cake"));
        var problems = WorkflowFile.All.SelectMany(workflow => UnforwardedArguments(workflow, cake)).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains("locked", CakeArguments(cake, "AssembleBundle"));
        Assert.Contains("locked", CakeArguments(cake, "CreateBundle"));
        Assert.DoesNotContain("locked", CakeArguments(cake, "PublishBundle"));
    }

    [Fact]
    public void An_argument_no_task_of_the_chain_forwards_is_reported_with_its_target()
    {
        var cake = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "build", "build.cake"));
        var workflow = WorkflowFile.Parse("bad.yml", """
            jobs:
              a:
                steps:
                  - run: |
                      ./build.sh --target=CreateBundle --bundle="$BUNDLE" --locked --targets=linux-x64
                      ./build.sh --target=PublishBundle --bundle="$BUNDLE" --locked --registry=artifacts/registry
            """);

        Assert.Equal(
            ["bad.yml: ./build.sh --target=PublishBundle passes --locked, which build.cake "
                + "does not forward for PublishBundle or the tasks it depends on"],
            UnforwardedArguments(workflow, cake));
    }

    /// <summary>
    /// Arguments of ./build.sh --target=X calls that neither X nor a task X depends on reads (Forward(…), Argument(…)).
    /// </summary>
    private static List<string> UnforwardedArguments(WorkflowFile workflow, string cake)
    {
        var problems = new List<string>();
        foreach (var run in workflow.Steps().Select(step => WorkflowFile.Scalar(step.Step, "run") ?? string.Empty))
        {
            foreach (Match call in BuildCall().Matches(run.Replace("\\\n", " ", StringComparison.Ordinal)))
            {
                var target = call.Groups[1].Value;
                var known = CakeArguments(cake, target);
                foreach (Match argument in ArgumentName().Matches(call.Groups[2].Value))
                {
                    var name = argument.Groups[1].Value;
                    if (!known.Contains(name) && !CakeOwnArguments.Contains(name, StringComparer.Ordinal))
                    {
                        problems.Add($"{workflow.Name}: ./build.sh --target={target} passes --{name}, "
                            + $"which build.cake does not forward for {target} or the tasks it depends on");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>What Cake itself and build.cake's top level read: not forwarded, but not unknown either.</summary>
    private static readonly string[] CakeOwnArguments = [
        "target", "configuration", "verbosity", "dryrun", "tree", "description", "exclusive"];

    /// <summary>The argument names a task and the tasks it depends on (transitively) read in build.cake.</summary>
    private static HashSet<string> CakeArguments(string cake, string task)
    {
        var bodies = CakeTaskBody().Matches(cake).ToDictionary(
            match => match.Groups[1].Value, match => match.Groups[2].Value, StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([task]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || !bodies.TryGetValue(name, out var body))
            {
                continue;
            }

            // Forward("Target") forwards the target's options, listed in build.cake's taskOptions table.
            foreach (Match forward in ForwardCall().Matches(body))
            {
                var forwarded = forward.Groups[1].Value.Trim().Trim('"');
                var options = TaskOptions().Matches(cake).FirstOrDefault(entry => entry.Groups[1].Value == forwarded);
                names.UnionWith(QuotedName().Matches(options?.Groups[2].Value ?? string.Empty).Select(match => match.Groups[1].Value));
            }

            names.UnionWith(CakeArgumentCall().Matches(body).Select(match => match.Groups[1].Value));
            foreach (Match dependency in DependsOn().Matches(body))
            {
                pending.Push(dependency.Groups[1].Value);
            }
        }

        return names;
    }

    [Fact]
    public void Release_builds_each_of_the_four_targets_on_its_own_runner_as_a_shard()
    {
        var build = (YamlMappingNode)WorkflowFile.Named("release.yml").Jobs.Children[new YamlScalarNode("build")];
        var matrix = (YamlMappingNode)((YamlMappingNode)WorkflowFile.Child(build, "strategy")!).Children[new YamlScalarNode("matrix")];
        var include = ((YamlSequenceNode)matrix.Children[new YamlScalarNode("include")]).Children.Cast<YamlMappingNode>().ToList();

        Assert.Equal(
            ["darwin-arm64", "darwin-x64", "linux-arm64", "linux-x64"],
            include.Select(entry => WorkflowFile.Scalar(entry, "target")).Order(StringComparer.Ordinal));
        Assert.Equal(4, include.Select(entry => WorkflowFile.Scalar(entry, "runner")).Distinct().Count());
        var runs = string.Join(
            '\n',
            WorkflowFile.Named("release.yml")
                .Steps()
                .Where(step => step.Job == "build")
                .Select(step => WorkflowFile.Scalar(step.Step, "run")));
        Assert.Contains("--shard-out=", runs, StringComparison.Ordinal);
        Assert.Contains("--targets=${{ matrix.target }}", runs, StringComparison.Ordinal);
    }

    /// <summary>GitHub-hosted runner images that exist (December 2026); a retired label queues a job forever.</summary>
    private static readonly string[] CurrentRunnerLabels =
    [
        "ubuntu-24.04", "ubuntu-24.04-arm", "ubuntu-22.04", "macos-14", "macos-15", "macos-15-intel", "windows-2022", "windows-2025",
        "ubuntu-latest", "macos-latest", "windows-latest",
    ];

    [Fact]
    public void Every_job_runs_on_a_current_GitHub_hosted_runner_label_including_matrix_values()
    {
        var labels = WorkflowFile.All.SelectMany(workflow => workflow.Jobs.Children.SelectMany(job =>
            RunnerLabels((YamlMappingNode)job.Value).Select(label => (
                workflow.Name, Job: ((YamlScalarNode)job.Key).Value, Label: label)))).ToList();

        Assert.Contains(labels, entry => entry is { Name: "release.yml", Job: "build", Label: "macos-15-intel" });
        Assert.All(
            labels,
            entry => Assert.True(
                CurrentRunnerLabels.Contains(entry.Label, StringComparer.Ordinal),
                $"{entry.Name} job {entry.Job} runs on '{entry.Label}', which is not a current "
                    + $"GitHub-hosted runner label ({string.Join(", ", CurrentRunnerLabels)})"));
    }

    [Fact]
    public void Runner_labels_are_read_from_matrix_include_entries_and_matrix_lists()
    {
        var workflow = WorkflowFile.Parse("labels.yml", """
            jobs:
              a:
                runs-on: ${{ matrix.runner }}
                strategy:
                  matrix:
                    include:
                      - runner: macos-13
                      - runner: ubuntu-24.04
              b:
                runs-on: ${{ matrix.os }}
                strategy:
                  matrix:
                    os: [windows-2019, macos-15]
              c:
                runs-on: [ubuntu-20.04]
            """);

        Assert.Equal(
            ["macos-13", "ubuntu-24.04", "windows-2019", "macos-15", "ubuntu-20.04"],
            workflow.Jobs.Children.SelectMany(job => RunnerLabels((YamlMappingNode)job.Value)));
    }

    /// <summary>The labels a job may run on: runs-on itself, or every value of the matrix key it names.</summary>
    private static IEnumerable<string> RunnerLabels(YamlMappingNode job)
    {
        var runsOn = WorkflowFile.Child(job, "runs-on");
        var scalars = runsOn switch
        {
            YamlScalarNode scalar => [scalar.Value ?? string.Empty],
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? string.Empty).ToList(),
            _ => new List<string> { "(no runs-on)" },
        };
        foreach (var value in scalars)
        {
            var expression = MatrixReference().Match(value);
            if (!expression.Success)
            {
                yield return value;
                continue;
            }

            var key = expression.Groups[1].Value;
            var matrix = WorkflowFile.Child((YamlMappingNode)WorkflowFile.Child(job, "strategy")!, "matrix") as YamlMappingNode;
            var values = new List<string>();
            if (matrix is not null && WorkflowFile.Child(matrix, key) is YamlSequenceNode list)
            {
                values.AddRange(list.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? string.Empty));
            }

            if (matrix is not null && WorkflowFile.Child(matrix, "include") is YamlSequenceNode include)
            {
                values.AddRange(include.Children.OfType<YamlMappingNode>()
                    .Select(entry => WorkflowFile.Scalar(entry, key))
                    .OfType<string>());
            }

            if (values.Count == 0)
            {
                yield return value;
            }

            foreach (var label in values)
            {
                yield return label;
            }
        }
    }

    [Fact]
    public void Release_install_tests_install_from_the_published_registry_over_https_not_from_a_workflow_artifact()
    {
        var release = WorkflowFile.Named("release.yml");
        var steps = release.Steps().Where(step => step.Job == "install-test").Select(step => step.Step).ToList();
        var runs = string.Join('\n', steps.Select(step => WorkflowFile.Scalar(step, "run")));
        var registryUrl = WorkflowFile.Scalar((YamlMappingNode)WorkflowFile.Child(release.Root, "env")!, "REGISTRY_URL");

        Assert.DoesNotContain(
            steps,
            step => (WorkflowFile.Scalar(step, "uses") ?? string.Empty).StartsWith("actions/download-artifact@", StringComparison.Ordinal));
        Assert.Matches(@"^\$\{\{ vars\.REGISTRY_URL \|\| format\('https://", registryUrl);
        Assert.Contains("""gh release download "$BUNDLE" """, runs, StringComparison.Ordinal);
        Assert.Contains(
            """curl -fsSL --proto '=https' "$REGISTRY_URL/installers/install.sh" | sh -s -- """
            + """--registry "$REGISTRY_URL" --bundle "$BUNDLE" """,
            runs,
            StringComparison.Ordinal);
        Assert.Contains("""Invoke-WebRequest -Uri "$env:REGISTRY_URL/installers/install.ps1" """, runs, StringComparison.Ordinal);
        Assert.Contains("""& $script -Registry $env:REGISTRY_URL -Bundle $env:BUNDLE""", runs, StringComparison.Ordinal);
        Assert.Contains("""cmp - "$RUNNER_TEMP/release/bundle.json" """.TrimEnd(), runs, StringComparison.Ordinal);
        Assert.Contains(
            """--target=TestBundle --installed="$RUNNER_TEMP/prefix" --manifest="$RUNNER_TEMP/release/bundle.json" """.TrimEnd(),
            runs,
            StringComparison.Ordinal);
        Assert.Matches(
            @"--uninstall --prefix ""\$RUNNER_TEMP/prefix"" --yes\s+if \[ -d ""\$RUNNER_TEMP/prefix"" "
                + @"\] && \[ -n ""\$\(ls -A ""\$RUNNER_TEMP/prefix""\)"" \]; then",
            runs);
        Assert.Contains("-Uninstall -Yes", runs, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\./registry/|\$PWD/registry", runs);
    }

    [Fact]
    public void Release_publish_pushes_the_registry_branch_one_publish_at_a_time()
    {
        var publish = (YamlMappingNode)WorkflowFile.Named("release.yml").Jobs.Children[new YamlScalarNode("publish")];
        var runs = string.Join(
            '\n',
            WorkflowFile.Named("release.yml")
                .Steps()
                .Where(step => step.Job == "publish")
                .Select(step => WorkflowFile.Scalar(step.Step, "run")));

        Assert.Equal("registry", WorkflowFile.Scalar((YamlMappingNode)WorkflowFile.Child(publish, "concurrency")!, "group"));
        Assert.Contains("""git worktree add -B "$REGISTRY_BRANCH" artifacts/registry""", runs, StringComparison.Ordinal);
        Assert.Contains("--registry=artifacts/registry --github-repo=", runs, StringComparison.Ordinal);
        Assert.Contains("""git push origin "HEAD:refs/heads/$REGISTRY_BRANCH" """.TrimEnd(), runs, StringComparison.Ordinal);
    }

    [Fact]
    public void Nightly_takes_the_current_LTS_from_versions_toml_before_any_step_uses_it()
    {
        var nightly = WorkflowFile.Named("nightly.yml");
        var runs = nightly.Steps().Select(step => WorkflowFile.Scalar(step.Step, "run") ?? string.Empty).ToList();
        var derive = runs.FindIndex(run => run.Contains(
            "./build.sh --target=Validate --report=artifacts/versions.json", StringComparison.Ordinal));
        var firstUse = runs.FindIndex(run => run.Contains("$LTS_BUNDLE", StringComparison.Ordinal));

        Assert.Null(WorkflowFile.Scalar((YamlMappingNode)WorkflowFile.Child(nightly.Root, "env")!, "LTS_BUNDLE"));
        Assert.True(derive >= 0, "no step runs Validate --report");
        Assert.Contains(
            """lts="$(jq -r '.channels.lts // empty' artifacts/versions.json)" """.TrimEnd(), runs[derive], StringComparison.Ordinal);
        Assert.Contains("""echo "LTS_BUNDLE=$lts" >> "$GITHUB_ENV" """.TrimEnd(), runs[derive], StringComparison.Ordinal);
        Assert.True(firstUse > derive, $"step {firstUse} uses $LTS_BUNDLE before step {derive} sets it");
        Assert.DoesNotMatch(@"lts-\d", string.Join('\n', runs));
    }

    [Fact]
    public void Third_party_actions_are_pinned_to_a_full_commit_sha()
    {
        var uses = WorkflowFile.All.SelectMany(workflow => workflow.Steps().Select(step => (
            workflow.Name, Uses: WorkflowFile.Scalar(step.Step, "uses"))))
            .Where(step => step.Uses is not null)
            .ToList();

        Assert.NotEmpty(uses);
        Assert.All(
            uses,
            step => Assert.True(
                PinnedAction().IsMatch(step.Uses!), $"{step.Name}: '{step.Uses}' is not pinned to a 40-character commit SHA"));
    }

    [Fact]
    public void Workflows_default_to_read_only_and_only_the_release_publish_job_may_write()
    {
        var problems = WorkflowFile.All.SelectMany(PermissionProblems).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var publish = (YamlMappingNode)WorkflowFile.Named("release.yml").Jobs.Children[new YamlScalarNode("publish")];
        var publishPermissions = (YamlMappingNode)WorkflowFile.Child(publish, "permissions")!;
        Assert.Equal(
            ["contents"],
            publishPermissions.Children.Where(
                entry => ((YamlScalarNode)entry.Value).Value == "write").Select(entry => ((YamlScalarNode)entry.Key).Value));
        Assert.Equal("release", WorkflowFile.Scalar(publish, "environment"));
    }

    [Fact]
    public void Release_attests_build_provenance_over_sha256sums_in_a_job_with_only_the_permissions_it_needs()
    {
        var attest = (YamlMappingNode)WorkflowFile.Named("release.yml").Jobs.Children[new YamlScalarNode("attest")];
        var permissions = ((YamlMappingNode)WorkflowFile.Child(attest, "permissions")!).Children
            .Select(entry => $"{((YamlScalarNode)entry.Key).Value}: {((YamlScalarNode)entry.Value).Value}").Order(StringComparer.Ordinal);
        var steps = ((YamlSequenceNode)WorkflowFile.Child(attest, "steps")!).Children.Cast<YamlMappingNode>().ToList();
        const string attestAction = "actions/attest-build-provenance@";
        var action = Assert.Single(
            steps,
            step => (WorkflowFile.Scalar(step, "uses") ?? "").StartsWith(attestAction, StringComparison.Ordinal));

        Assert.Equal(["attestations: write", "contents: read", "id-token: write"], permissions);
        Assert.Equal("publish", WorkflowFile.Scalar(attest, "needs"));
        var with = (YamlMappingNode)WorkflowFile.Child(action, "with")!;
        Assert.Equal("${{ runner.temp }}/release/SHA256SUMS", WorkflowFile.Scalar(with, "subject-checksums"));
    }

    [Fact]
    public void Permission_scalars_like_write_all_and_read_all_and_writes_outside_the_publish_job_are_refused()
    {
        var workflows = new[]
        {
            WorkflowFile.Parse("write-all.yml", "permissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"),
            WorkflowFile.Parse("read-all.yml", "permissions: read-all\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"),
            WorkflowFile.Parse("none.yml", "jobs:\n  a:\n    runs-on: ubuntu-24.04\n"),
            WorkflowFile.Parse(
                "job.yml",
                "permissions: {}\njobs:\n  a:\n    permissions: write-all\n  b:\n    "
                    + "permissions:\n      contents: write\n      id-token: write\n"),
            WorkflowFile.Parse(
                "release.yml",
                "permissions:\n  contents: read\n  packages: write\njobs:\n  publish:\n "
                    + "   permissions:\n      contents: write\n      pages: write\n"),
        };

        Assert.Equal(
            [
                "write-all.yml: top-level permissions is 'write-all'; use {} or a mapping of read/none",
                "read-all.yml: top-level permissions is 'read-all'; use {} or a mapping of read/none",
                "none.yml: no top-level permissions (the default token may write); use permissions: {} or contents: read",
                "job.yml job a: permissions is 'write-all'; use a mapping that names each permission",
                "job.yml job b: asks for contents: write; only release.yml's publish job may write, and only contents",
                "job.yml job b: asks for id-token: write; only release.yml's publish job may write, and only contents",
                "release.yml: top-level permissions gives packages: write; the top level is read-only",
                "release.yml job publish: asks for pages: write; only release.yml's publish job may write, and only contents",
                "release.yml job publish: may write but is not in the 'release' environment (required reviewers)",
            ],
            workflows.SelectMany(PermissionProblems));
    }

    /// <summary>
    /// Least privilege: the top level is <c>{}</c> or read-only (never a write-all/read-all scalar), job permissions
    /// are mappings, and the only write anywhere is <c>contents: write</c> in release.yml's publish job, which runs in
    /// the protected <c>release</c> environment, and <c>id-token</c> and <c>attestations: write</c> in its attest job
    /// (build provenance, after the publish was approved).
    /// </summary>
    private static IEnumerable<string> PermissionProblems(WorkflowFile workflow)
    {
        switch (WorkflowFile.Child(workflow.Root, "permissions"))
        {
            case null:
                yield return $"{workflow.Name}: no top-level permissions (the default "
                    + $"token may write); use permissions: {{}} or contents: read";
                break;
            case YamlScalarNode scalar:
                yield return $"{workflow.Name}: top-level permissions is '{scalar.Value}'; use {{}} or a mapping of read/none";
                break;
            case YamlMappingNode mapping:
                foreach (var (name, level) in mapping.Children.Select(entry => (
                    ((YamlScalarNode)entry.Key).Value, (entry.Value as YamlScalarNode)?.Value)))
                {
                    if (level is not ("read" or "none"))
                    {
                        yield return $"{workflow.Name}: top-level permissions gives {name}: {level}; the top level is read-only";
                    }
                }

                break;
            default:
                yield return $"{workflow.Name}: top-level permissions is not a mapping";
                break;
        }

        foreach (var job in workflow.Jobs.Children)
        {
            var name = ((YamlScalarNode)job.Key).Value;
            var publish = workflow.Name == "release.yml" && name == "publish";
            var attest = workflow.Name == "release.yml" && name == "attest";
            var writes = false;
            switch (WorkflowFile.Child((YamlMappingNode)job.Value, "permissions"))
            {
                case null:
                    break;
                case YamlMappingNode mapping:
                    foreach (var (permission, level) in mapping.Children.Select(entry => (
                        ((YamlScalarNode)entry.Key).Value, (entry.Value as YamlScalarNode)?.Value)))
                    {
                        if (level is "read" or "none")
                        {
                            continue;
                        }

                        writes = true;
                        var allowed = (publish && permission == "contents" && level == "write")
                            || (attest && permission is "id-token" or "attestations" && level == "write");
                        if (!allowed)
                        {
                            yield return $"{workflow.Name} job {name}: asks for {permission}: {level}; "
                                + "only release.yml's publish job may write, and only contents";
                        }
                    }

                    break;
                case var other:
                    yield return $"{workflow.Name} job {name}: permissions is "
                        + $"'{(other as YamlScalarNode)?.Value ?? other.ToString()}'; use a mapping that names each permission";
                    break;
            }

            if (publish && writes && WorkflowFile.Scalar((YamlMappingNode)job.Value, "environment") != "release")
            {
                yield return $"{workflow.Name} job {name}: may write but is not in the 'release' environment (required reviewers)";
            }
        }
    }

    [Fact]
    public void Workflow_expressions_never_reach_a_shell_from_user_input()
    {
        // Inputs and refs reach run: scripts only through env variables, never spliced into the script text.
        var runs = WorkflowFile.All.SelectMany(workflow => workflow.Steps().Select(step => (
            workflow.Name, Run: WorkflowFile.Scalar(step.Step, "run") ?? string.Empty)));

        Assert.All(runs, step => Assert.DoesNotMatch(@"\$\{\{\s*(inputs\.|github\.(ref_name|head_ref|event))", step.Run));
    }

    [Fact]
    public void Every_path_a_step_reads_was_written_by_an_earlier_step()
    {
        var problems = WorkflowFile.All.SelectMany(WorkflowPaths.UnwrittenReads).ToList();

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains("integration: artifacts/rebuild/{BUNDLE}/SHA256SUMS", WorkflowPaths.Reads(WorkflowFile.Named("nightly.yml")));
        var release = WorkflowPaths.Reads(WorkflowFile.Named("release.yml"));
        Assert.Contains("assemble: artifacts/shards/shard-darwin-arm64/shard.json", release);
        Assert.Contains("publish: artifacts/bundles/{BUNDLE}/bundle.json", release);
    }

    [Fact]
    public void The_path_check_reports_a_bundle_read_from_below_the_folder_create_bundle_wrote()
    {
        // --output names the bundle folder itself, so artifacts/rebuild/$BUNDLE/SHA256SUMS was never written.
        var workflow = WorkflowFile.Parse("bad.yml", """
            jobs:
              nightly:
                steps:
                  - run: |
                      ./build.sh --target=CreateBundle --bundle="$BUNDLE"
                      ./build.sh --target=CreateBundle --bundle="$BUNDLE" --output=artifacts/rebuild
                      diff -u "artifacts/bundles/$BUNDLE/SHA256SUMS" "artifacts/rebuild/$BUNDLE/SHA256SUMS"
                  - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02
                    with:
                      name: registry
                      path: artifacts/registry
              later:
                steps:
                  - uses: actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093
                    with:
                      name: bundle
            """);

        var problems = WorkflowPaths.UnwrittenReads(workflow);

        Assert.Collection(
            problems,
            problem => Assert.StartsWith("bad.yml job nightly (./build.sh --target=CreateBundle", problem, StringComparison.Ordinal),
            problem => Assert.Contains("reads artifacts/registry, which no earlier step writes", problem, StringComparison.Ordinal),
            problem => Assert.Contains("downloads artifact bundle, which no earlier job uploads", problem, StringComparison.Ordinal));
        Assert.Contains("reads artifacts/rebuild/{BUNDLE}/SHA256SUMS, which no earlier step writes", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Nightly_reproducibility_compares_the_SHA256SUMS_of_the_folder_it_rebuilt_into()
    {
        var step = WorkflowFile.Named("nightly.yml")
            .Steps()
            .Single(step => (WorkflowFile.Scalar(step.Step, "run") ?? string.Empty).Contains("--output=", StringComparison.Ordinal));
        var run = WorkflowFile.Scalar(step.Step, "run")!;
        var output = OutputOption().Match(run).Groups[1].Value.Trim('"');

        Assert.Matches(@"diff -u ""artifacts/bundles/\$BUNDLE/SHA256SUMS"" """ + Regex.Escape(output) + @"/SHA256SUMS""", run);
    }

    [GeneratedRegex("""Task\("([A-Za-z]+)"\)""")]
    private static partial Regex TaskDefinition();

    [GeneratedRegex(@"build\.(?:sh|ps1)\s+--target=([A-Za-z]+)")]
    private static partial Regex TargetCall();

    [GeneratedRegex(@"^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$")]
    private static partial Regex MatrixReference();

    [GeneratedRegex(@"build\.(?:sh|ps1)\s+--target=([A-Za-z]+)([^\n]*)")]
    private static partial Regex BuildCall();

    [GeneratedRegex(@"(?:^|\s)--([a-z][a-z-]*)")]
    private static partial Regex ArgumentName();

    [GeneratedRegex(@"Task\(""([A-Za-z]+)""\)(.*?)(?=\nTask\(|\n// -{10,}\n// Run)", RegexOptions.Singleline)]
    private static partial Regex CakeTaskBody();

    [GeneratedRegex(@"Forward\(([^)]*)\)")]
    private static partial Regex ForwardCall();

    [GeneratedRegex(@"""([a-z][a-z-]*)""")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\[""([A-Za-z]+)""\] = new\[\]\s*\{([^}]*)\}")]
    private static partial Regex TaskOptions();

    [GeneratedRegex(@"Argument<\w+>\(""([a-z][a-z-]*)""")]
    private static partial Regex CakeArgumentCall();

    [GeneratedRegex(@"IsDependentOn\(""([A-Za-z]+)""\)")]
    private static partial Regex DependsOn();

    [GeneratedRegex(@"--output=(""[^""]+""|\S+)")]
    private static partial Regex OutputOption();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();
}
