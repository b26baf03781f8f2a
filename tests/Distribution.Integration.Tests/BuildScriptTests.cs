using System.Text.Json;
using System.Text.RegularExpressions;
using Distribution.Integration.Tests.Installing;
using Distribution.Testing;

namespace Distribution.Integration.Tests;

/// <summary>build.sh as users run it: the Cake bootstrap, the target list and the unknown-target error.</summary>
public sealed partial class BuildScriptTests
{
    private const string BashBootstrap = "build.sh is the bash bootstrap (Windows runs build.ps1)";

    [UnixOnlyFact(BashBootstrap)]
    public async Task Bare_build_sh_lists_every_target_of_build_cake_with_its_description()
    {
        var (exitCode, output, error) = await RunBuildScriptAsync();

        Assert.True(exitCode == 0, output + error);
        foreach (var task in CakeTasks())
        {
            Assert.Matches($@"(?m)^  {task}\s+\S.*$", output);
        }
    }

    [UnixOnlyFact(BashBootstrap)]
    public async Task Unknown_target_fails_and_names_the_valid_ones()
    {
        var (exitCode, output, error) = await RunBuildScriptAsync("--target=NoSuchTarget");

        Assert.NotEqual(0, exitCode);
        var message = output + error;
        Assert.Contains("error PD0004: unknown target 'NoSuchTarget'", message, StringComparison.Ordinal);
        Assert.All(CakeTasks(), task => Assert.Contains(task, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_target_is_also_a_GitHub_annotation_on_Actions()
    {
        // build.cake run as build.sh runs it, without build.sh's build of the CLI (GITHUB_ACTIONS would rebuild it
        // with CI settings).
        var root = TestPaths.RepositoryRoot;
        var restore = await CliProcess.RunAsync("dotnet", ["tool", "restore"], root);
        Assert.True(restore.ExitCode == 0, restore.Output + restore.Error);

        var (exitCode, output, error) = await CliProcess.RunAsync(
            "dotnet",
            ["tool", "run", "dotnet-cake", Path.Combine(root, "build", "build.cake"), "--target=NoSuchTarget"],
            root,
            new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["GITHUB_ACTIONS"] = "true" });

        Assert.NotEqual(0, exitCode);
        var message = output + error;
        Assert.Contains("error PD0004: unknown target 'NoSuchTarget'", message, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^::error title=PD0004::unknown target 'NoSuchTarget' — use one of: Default, Build, Test\b.*$", message);
    }

    // Through build.sh, Cake's banner and task table surround standard output (Cake 7 always prints its report), so
    // the machine-readable report goes to --report: the file holds exactly one JSON document, valid or not.
    [Fact]
    public async Task Validate_report_is_one_clean_json_document()
    {
        using var work = new TempDirectory("validate-json");
        var report = work.Combine("report", "versions.json");

        var (exitCode, output, error) = await RunBuildScriptAsync("--target=Validate", $"--report={report}");

        Assert.True(exitCode == 0, output + error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal(
            ["stable-3.1", "lts-3.1", "stable-3.2"],
            json.RootElement.GetProperty("bundles").EnumerateArray().Select(bundle => bundle.GetProperty("id").GetString()));
        Assert.Equal([report], Directory.GetFiles(work.Combine("report")));
        Assert.DoesNotContain("\"bundles\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_report_holds_the_document_of_an_invalid_file_too()
    {
        using var work = new TempDirectory("validate-json");
        var report = work.Combine("versions.json");

        var (exitCode, output, error) = await RunBuildScriptAsync(
            "--target=Validate", $"--report={report}", "--versions=tests/Distribution.Core.Tests/Versions/Cases/design-example.toml");

        Assert.True(exitCode != 0, output + error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var diagnostic = Assert.Single(
            json.RootElement.GetProperty("diagnostics").EnumerateArray(), item => item.GetProperty("severity").GetString() == "error");
        Assert.Equal("VM013", diagnostic.GetProperty("code").GetString());
    }

    /// <summary>
    /// Issue 19: --bundel=lts-3.1 built stable-3.2, --registy=/srv/reg published to artifacts/registry, --lockd fetched unlocked.
    /// </summary>
    [UnixOnlyFact(BashBootstrap)]
    public async Task A_misspelt_option_fails_before_anything_runs_naming_the_targets_options_and_the_closest()
    {
        var create = await RunBuildScriptAsync("--target=CreateBundle", "--bundel=lts-3.1", "--lockd");
        var publish = await RunBuildScriptAsync("--target=PublishBundle", "--registy=/srv/reg", "--verbosity=quiet");
        var none = await RunBuildScriptAsync("--target=Default", "--zzzzzzzzzz");
        var known = await RunBuildScriptAsync(
            "--target=CreateBundle", "--bundle=lts-3.1", "--locked", "--dryrun", "--configuration=Release");

        Assert.Equal(1, create.ExitCode);
        var lines = (create.Output + create.Error).Split('\n')
            .Where(line => line.Contains("error PD0006", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(
            "error PD0006: unknown option --bundel for CreateBundle — did you mean --bundle? CreateBundle takes --versions, --bundle,",
            lines[0],
            StringComparison.Ordinal);
        Assert.Contains(
            "--targets, --output, --shard-out, --recipes, --dry-run, --all, --locked, --update-lock", lines[0], StringComparison.Ordinal);
        Assert.Contains(
            "error PD0006: unknown option --lockd for CreateBundle — did you mean --locked?", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("2. Fetch", create.Output, StringComparison.Ordinal);
        Assert.Equal(1, publish.ExitCode);
        Assert.Contains(
            "error PD0006: unknown option --registy for PublishBundle — did you mean --registry? "
                + "PublishBundle takes --bundle, --registry, --github-repo, --release-tag, --index-valid-days, --dry-run",
            publish.Output + publish.Error,
            StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains(
            "error PD0006: unknown option --zzzzzzzzzz for Default — Default takes no options",
            none.Output + none.Error,
            StringComparison.Ordinal);
        Assert.True(known.ExitCode == 0, known.Output + known.Error);
        Assert.Matches(@"1\. Validate\s+2\. Fetch\s+3\. CreateBundle", known.Output);
    }

    [UnixOnlyFact(BashBootstrap)]
    public async Task Tree_description_and_dryrun_show_the_task_graph_without_running_it()
    {
        var tree = await RunBuildScriptAsync("--tree");
        var description = await RunBuildScriptAsync("--description");
        var dryRun = await RunBuildScriptAsync("--target=CreateBundle", "--dryrun");

        Assert.True(tree.ExitCode == 0, tree.Output + tree.Error);
        Assert.Matches(
            @"(?m)^CreateBundle\s*\n└─Fetch\s*\n\s+└─Validate", tree.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(description.ExitCode == 0, description.Output + description.Error);
        Assert.All(CakeTasks(), task => Assert.Matches($@"(?m)^\s+{task}\s+\S", description.Output));
        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        Assert.Matches(@"1\. Validate\s+2\. Fetch\s+3\. CreateBundle", dryRun.Output);
        Assert.Contains("No tasks were actually executed.", dryRun.Output, StringComparison.Ordinal);
    }

    [UnixOnlyFact(BashBootstrap)]
    public async Task Unknown_program_build_fails_before_anything_is_built()
    {
        var (exitCode, output, error) = await RunBuildScriptAsync(
            new Dictionary<string, string?> { ["PROVISIONING_DIST_CLI_BUILD"] = "quick" }, "--target=Validate");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "build.sh: error: PROVISIONING_DIST_CLI_BUILD is 'quick' — use native or "
                + "readytorun, or leave it unset to choose by the C toolchain found\n",
            error);
        Assert.Equal(string.Empty, output);
    }

    // The suite itself runs the program build.sh chose for this machine (native where a C toolchain is found); this
    // runs a target through the other way, the ReadyToRun assembly and the .NET host.
    [UnixOnlyFact(BashBootstrap)]
    public async Task ReadyToRun_program_runs_the_targets_through_the_dotnet_host()
    {
        using var work = new TempDirectory("validate-r2r");
        var report = work.Combine("versions.json");

        var (exitCode, output, error) = await RunBuildScriptAsync(
            new Dictionary<string, string?> { ["PROVISIONING_DIST_CLI_BUILD"] = "readytorun" }, "--target=Validate", $"--report={report}");

        Assert.True(exitCode == 0, output + error);
        Assert.True(File.Exists(ReadyToRunProgram));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
    }

    // A first run compiles the program quietly for a minute or more: build.sh says so whenever the program must be built,
    // and nothing when it is up to date. The ReadyToRun program is deleted and published again; its intermediate files
    // stay, so that takes seconds here (the tests of this class run one at a time, none beside it uses that program).
    [UnixOnlyFact(BashBootstrap)]
    public Task Build_sh_says_it_compiles_the_program_when_it_must_and_not_when_it_is_up_to_date() =>
        AssertSaysItCompilesOnlyWhenItMustAsync(
            "build.sh", () => RunBuildScriptAsync(new Dictionary<string, string?> { ["PROVISIONING_DIST_CLI_BUILD"] = "readytorun" }));

    [PowerShellFact]
    public Task Build_ps1_says_it_compiles_the_program_when_it_must_and_not_when_it_is_up_to_date() =>
        AssertSaysItCompilesOnlyWhenItMustAsync("build.ps1", () => RunBuildPs1Async());

    // build.ps1 under the real pwsh (the local tool of .config/dotnet-tools.json): the same targets as build.sh. The
    // ReadyToRun program keeps it from linking native code a second time beside the suite's own program.
    [PowerShellFact]
    public async Task Build_ps1_lists_the_targets_runs_one_and_fails_on_an_unknown_one()
    {
        using var work = new TempDirectory("build-ps1");
        var report = work.Combine("versions.json");

        var list = await RunBuildPs1Async();
        var validate = await RunBuildPs1Async("--target=Validate", $"--report={report}");
        var unknown = await RunBuildPs1Async("--target=NoSuchTarget");

        Assert.True(list.ExitCode == 0, list.Output + list.Error);
        Assert.All(CakeTasks(), task => Assert.Matches($@"(?m)^  {task}\s+\S.*$", list.Output));
        Assert.True(validate.ExitCode == 0, validate.Output + validate.Error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("error PD0004: unknown target 'NoSuchTarget'", unknown.Output + unknown.Error, StringComparison.Ordinal);
    }

    [PowerShellFact]
    public async Task Build_ps1_refuses_an_unknown_program_build_before_building_anything()
    {
        var (exitCode, _, error) = await RunBuildPs1Async(
            new Dictionary<string, string?> { ["PROVISIONING_DIST_CLI_BUILD"] = "quick" }, "--target=Validate");

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "build.ps1: error: PROVISIONING_DIST_CLI_BUILD is 'quick' — use native or "
                + "readytorun, or leave it unset to choose by the C toolchain found\n",
            error);
    }

    // Windows PowerShell 5.1 reads a script without a byte order mark as Windows-1252: the last byte of an em dash
    // is then a closing quote, and the script does not parse. A BOM would break the #! line on Unix, so: ASCII.
    [Fact]
    public void PowerShell_scripts_are_ascii_so_Windows_PowerShell_reads_them_as_written()
    {
        var scripts = Directory.EnumerateFiles(TestPaths.RepositoryRoot, "*.ps1", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}.cache{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(scripts, path => Path.GetFileName(path) == "build.ps1");
        Assert.Contains(scripts, path => Path.GetFileName(path) == "install.ps1");
        Assert.All(scripts, path =>
        {
            var lines = File.ReadAllLines(path);
            var first = Array.FindIndex(lines, line => line.Any(character => character > 0x7F));
            Assert.True(
                first < 0,
                $"{Path.GetRelativePath(TestPaths.RepositoryRoot, path)}({first + 1}): "
                    + $"not ASCII: {(first < 0 ? string.Empty : lines[first].Trim())}");
        });
    }

    private static async Task AssertSaysItCompilesOnlyWhenItMustAsync(
        string script, Func<Task<(int ExitCode, string Output, string Error)>> run)
    {
        DeleteReadyToRunProgram();

        var missing = await run();
        var upToDate = await run();

        Assert.True(missing.ExitCode == 0, missing.Output + missing.Error);
        Assert.Contains(
            $"{script}: compiling provisioning-dist (readytorun), about 60 s the first time", missing.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(ReadyToRunProgram));
        Assert.True(upToDate.ExitCode == 0, upToDate.Output + upToDate.Error);
        Assert.DoesNotContain("compiling provisioning-dist", upToDate.Output + upToDate.Error, StringComparison.Ordinal);
    }

    private static void DeleteReadyToRunProgram()
    {
        if (File.Exists(ReadyToRunProgram))
        {
            File.Delete(ReadyToRunProgram);
        }
    }

    private static string ReadyToRunProgram =>
        Path.Combine(TestPaths.RepositoryRoot, "artifacts", "dotnet", "cli", "provisioning-dist.dll");

    private static IEnumerable<string> CakeTasks() =>
        TaskDefinition().Matches(File.ReadAllText(Path.Combine(
            TestPaths.RepositoryRoot, "build", "build.cake"))).Select(match => match.Groups[1].Value);

    private static Task<(int ExitCode, string Output, string Error)> RunBuildScriptAsync(params string[] arguments) =>
        RunBuildScriptAsync(new Dictionary<string, string?>(), arguments);

    private static Task<(int ExitCode, string Output, string Error)> RunBuildScriptAsync(
        Dictionary<string, string?> environment, params string[] arguments) =>
        CliProcess.RunAsync(
            "bash",
            [Path.Combine(TestPaths.RepositoryRoot, "build.sh"), .. arguments],
            Path.GetTempPath(),
            new Dictionary<string, string?>(environment) { ["NO_COLOR"] = "1" });

    private static Task<(int ExitCode, string Output, string Error)> RunBuildPs1Async(params string[] arguments) =>
        RunBuildPs1Async(new Dictionary<string, string?> { ["PROVISIONING_DIST_CLI_BUILD"] = "readytorun" }, arguments);

    private static Task<(int ExitCode, string Output, string Error)> RunBuildPs1Async(
        Dictionary<string, string?> environment, params string[] arguments) =>
        CliProcess.RunAsync(
            "pwsh",
            ["-NoProfile", "-NonInteractive", "-File", Path.Combine(TestPaths.RepositoryRoot, "build.ps1"), .. arguments],
            Path.GetTempPath(),
            new Dictionary<string, string?>(environment) { ["NO_COLOR"] = "1" });

    [GeneratedRegex("""Task\("([A-Za-z]+)"\)""")]
    private static partial Regex TaskDefinition();
}
