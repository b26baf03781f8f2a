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
            .SelectMany(workflow => workflow.Steps().Select(step => (workflow.Name, Run: WorkflowFile.Scalar(step.Step, "run") ?? string.Empty)))
            .SelectMany(step => TargetCall().Matches(step.Run).Select(match => (step.Name, Target: match.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(called);
        Assert.All(called, call => Assert.True(tasks.Contains(call.Target), $"{call.Name} runs --target={call.Target}, which build.cake does not define"));
    }

    [Fact]
    public void Release_builds_each_of_the_four_targets_on_its_own_runner_as_a_shard()
    {
        var build = (YamlMappingNode)WorkflowFile.Named("release.yml").Jobs.Children[new YamlScalarNode("build")];
        var matrix = (YamlMappingNode)((YamlMappingNode)WorkflowFile.Child(build, "strategy")!).Children[new YamlScalarNode("matrix")];
        var include = ((YamlSequenceNode)matrix.Children[new YamlScalarNode("include")]).Children.Cast<YamlMappingNode>().ToList();

        Assert.Equal(["darwin-arm64", "darwin-x64", "linux-arm64", "linux-x64"], include.Select(entry => WorkflowFile.Scalar(entry, "target")).Order(StringComparer.Ordinal));
        Assert.Equal(4, include.Select(entry => WorkflowFile.Scalar(entry, "runner")).Distinct().Count());
        var runs = string.Join('\n', WorkflowFile.Named("release.yml").Steps().Where(step => step.Job == "build").Select(step => WorkflowFile.Scalar(step.Step, "run")));
        Assert.Contains("--shard-out=", runs, StringComparison.Ordinal);
        Assert.Contains("--targets=${{ matrix.target }}", runs, StringComparison.Ordinal);
    }

    [Fact]
    public void Third_party_actions_are_pinned_to_a_full_commit_sha()
    {
        var uses = WorkflowFile.All.SelectMany(workflow => workflow.Steps().Select(step => (workflow.Name, Uses: WorkflowFile.Scalar(step.Step, "uses")))).Where(step => step.Uses is not null).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, step => Assert.True(PinnedAction().IsMatch(step.Uses!), $"{step.Name}: '{step.Uses}' is not pinned to a 40-character commit SHA"));
    }

    [Fact]
    public void Workflows_default_to_read_only_and_only_the_release_publish_job_may_write()
    {
        foreach (var workflow in WorkflowFile.All)
        {
            var permissions = (YamlMappingNode)WorkflowFile.Child(workflow.Root, "permissions")!;
            Assert.Equal("read", WorkflowFile.Scalar(permissions, "contents"));
            Assert.Single(permissions.Children);
            foreach (var job in workflow.Jobs.Children)
            {
                var name = ((YamlScalarNode)job.Key).Value;
                var jobPermissions = WorkflowFile.Child((YamlMappingNode)job.Value, "permissions") as YamlMappingNode;
                var writes = jobPermissions?.Children.Where(entry => ((YamlScalarNode)entry.Value).Value == "write").Select(entry => ((YamlScalarNode)entry.Key).Value).ToList() ?? [];
                if (workflow.Name == "release.yml" && name == "publish")
                {
                    Assert.Equal(["contents"], writes);
                    Assert.Equal("release", WorkflowFile.Scalar((YamlMappingNode)job.Value, "environment"));
                }
                else
                {
                    Assert.True(writes.Count == 0, $"{workflow.Name} job {name} asks for write permissions: {string.Join(", ", writes)}");
                }
            }
        }
    }

    [Fact]
    public void Workflow_expressions_never_reach_a_shell_from_user_input()
    {
        // Inputs and refs reach run: scripts only through env variables, never spliced into the script text.
        var runs = WorkflowFile.All.SelectMany(workflow => workflow.Steps().Select(step => (workflow.Name, Run: WorkflowFile.Scalar(step.Step, "run") ?? string.Empty)));

        Assert.All(runs, step => Assert.DoesNotMatch(@"\$\{\{\s*(inputs\.|github\.(ref_name|head_ref|event))", step.Run));
    }

    [GeneratedRegex("""Task\("([A-Za-z]+)"\)""")]
    private static partial Regex TaskDefinition();

    [GeneratedRegex(@"build\.(?:sh|ps1)\s+--target=([A-Za-z]+)")]
    private static partial Regex TargetCall();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();
}
