// provisioning-distribution: the task graph.
// This file only orchestrates: arguments, tasks, descriptions, and calls of our own command-line program
// (build/Distribution.Cli, run as a process; see docs/architecture.md). No logic lives here.

var target = Argument("target", "Default");
var configuration = Argument("configuration", "Release");
var root = MakeAbsolute(Directory(".."));
var testResults = root.Combine("artifacts/test-results");
string closingLine = null; // the test summary, printed again after Cake's task report so it is the last line
string missingTestTools = null; // said once before the summary: which programs the tests could not have, and why
var testTools = root.Combine("artifacts/tools/bin"); // launchers of the pinned tools, first on the tests' PATH
var fetchedInThisRun = false; // CreateBundle after the Fetch task of the same run need not fetch from the origins again

// ---------------------------------------------------------------------------------------------------------------
// Helpers: run provisioning-dist with a verb, forwarding the named --arguments that were given.

// build.sh / build.ps1 publish it before Cake starts and name it in PROVISIONING_DIST_CLI: the native executable, or
// our assembly for the .NET host (ReadyToRun, the default place). --configuration is for the tests.
FilePath CliProgram() =>
    EnvironmentVariable("PROVISIONING_DIST_CLI") is { Length: > 0 } published
        ? new FilePath(published)
        : root.CombineWithFilePath("artifacts/dotnet/cli/provisioning-dist.dll");

void Cli(string verb, IEnumerable<string> arguments) => Run(CliProgram(), "provisioning-dist", verb, arguments);

// Runs one of our programs with a verb: a .dll through the .NET host, a native executable as it is.
void Run(FilePath program, string name, string verb, IEnumerable<string> arguments)
{
    var host = program.GetExtension() == ".dll";
    var builder = new ProcessArgumentBuilder();
    if (host)
    {
        builder.AppendQuoted(program.FullPath);
    }

    builder.Append(verb);
    foreach (var argument in arguments)
    {
        builder.AppendQuoted(argument);
    }

    var exitCode = StartProcess(host ? "dotnet" : program.FullPath, new ProcessSettings { Arguments = builder, WorkingDirectory = root });
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, $"{name} {verb} failed with exit code {exitCode}; the lines above say why");
    }
}

// The development tools (build/Distribution.DevTools: benchmark, test-report, toml decode) are their own program,
// provisioning-dist-dev, which the product does not carry: built with the solution (Build) or alone (Benchmark), and
// run by the .NET host.
FilePath DevToolsProgram() =>
    root.CombineWithFilePath($"artifacts/dotnet/bin/Distribution.DevTools/{configuration.ToLowerInvariant()}/provisioning-dist-dev.dll");

void DevTool(string verb, IEnumerable<string> arguments) => Run(DevToolsProgram(), "provisioning-dist-dev", verb, arguments);

// The options of each target, beside Cake's own and --target/--configuration; a target also takes those of the targets it
// depends on. Its task forwards them to the program (Forward), and any other --name is refused before anything runs.
var taskOptions = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
{
    ["Test"] = new[] { "filter" },
    ["Validate"] = new[] { "versions", "format", "report" },
    ["NewBundle"] = new[]
    {
        "versions", "bundle", "core", "platform", "workspace", "extensions", "lts-until", "release-date", "name", "dry-run",
        "propose",
    },
    ["Fetch"] = new[]
    {
        "versions", "bundle", "all", "locked", "update-lock", "dry-run", "core", "platform", "workspace", "extensions", "newest",
    },
    ["CreateBundle"] = new[]
    {
        "versions", "bundle", "core", "platform", "workspace", "extensions", "newest", "targets", "output", "shard-out",
        "recipes", "dry-run",
    },
    ["AssembleBundle"] = new[] { "artifacts-from", "output", "bundle", "locked", "versions", "dry-run" },
    ["PublishBundle"] = new[] { "bundle", "registry", "github-repo", "release-tag", "index-valid-days", "dry-run" },
    ["KeyGen"] = new[] { "output" },
    ["TestBundle"] = new[] { "bundle", "registry", "installed", "manifest" },
    ["TestUpgrade"] = new[] { "from", "to", "registry" },
    ["TestIntegration"] = new[] { "core", "platform", "workspace", "extensions", "bundle", "registry", "versions" },
    ["ReleaseNotes"] = new[]
    {
        "versions", "bundle", "since", "changelog", "output", "include-all", "component", "from", "to", "unreleased", "bots",
        "dry-run",
    },
    ["Benchmark"] = new[]
    {
        "runs", "output", "work", "components", "payload-mb", "validation-bundles", "growth", "growth-payload-kb", "check", "dry-run",
    },
};

// A target's options as the program takes them: --name=value as "--name value"; flags (--name or --name=true) as "--name".
IEnumerable<string> Forward(string task)
{
    foreach (var name in taskOptions[task])
    {
        if (!HasArgument(name))
        {
            continue;
        }

        var value = Argument<string>(name, string.Empty);
        if (value.Length == 0 || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            yield return "--" + name;
        }
        else if (!value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            yield return "--" + name;
            yield return value;
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Log groups per task on GitHub Actions (output only: no side effects).

TaskSetup(context =>
{
    if (BuildSystem.GitHubActions.IsRunningOnGitHubActions)
    {
        BuildSystem.GitHubActions.Commands.StartGroup(context.Task.Name);
    }
});

TaskTeardown(context =>
{
    if (BuildSystem.GitHubActions.IsRunningOnGitHubActions)
    {
        BuildSystem.GitHubActions.Commands.EndGroup();
    }
});

// ---------------------------------------------------------------------------------------------------------------
// Tasks

Task("Default")
    .Description("List the targets with their descriptions (this list).")
    .Does(() =>
{
    Console.WriteLine("Targets (run ./build.sh --target=NAME; --tree shows dependencies, --dryrun what would run):");
    foreach (var task in Tasks)
    {
        Console.WriteLine($"  {task.Name,-18} {task.Description}");
    }
});

Task("Build")
    .Description("Build every C# project of this repository (tools and tests).")
    .Does(() =>
{
    DotNetBuild(root.CombineWithFilePath("Distribution.slnx").FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoLogo = true,
        Verbosity = DotNetVerbosity.Minimal,
    });
});

Task("Test")
    .Description("Run every test project; ends with the line 'N passed, N failed[, N skipped]'. --filter=EXPR selects tests.")
    .IsDependentOn("Build")
    .IsDependentOn("TestTools")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var filter = Argument<string>("filter", null);
    var projects = GetFiles(root.FullPath + "/tests/**/*.Tests.csproj").OrderBy(file => file.FullPath).ToList();
    foreach (var project in projects)
    {
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configuration,
                NoBuild = true,
                NoRestore = true,
                NoLogo = true,
                Filter = filter,
                ResultsDirectory = testResults,
                // The pinned PowerShell first, then the npm tools (Nushell, the workflow checkers), then the user's PATH.
                EnvironmentVariables = new Dictionary<string, string>
                {
                    ["PATH"] = string.Join(
                        System.IO.Path.PathSeparator.ToString(),
                        testTools.FullPath,
                        root.Combine("tools/node_modules/.bin").FullPath,
                        EnvironmentVariable("PATH") ?? string.Empty),
                },
                Loggers = new[] { $"trx;LogFileName={project.GetFilenameWithoutExtension()}.trx", "console;verbosity=minimal" },
                // A test that hangs for 15 minutes aborts its run with a dump (in the results folder) instead of
                // blocking CI; test-report counts an aborted run as a failure.
                ArgumentCustomization = args =>
                    args.Append("--blame-hang-timeout").Append("15m").Append("--blame-hang-dump-type").Append("mini"),
            });
        }
        catch (Exception exception)
        {
            // Keep going: every project runs, and the summary below counts the failures (a crashed run, or one
            // that left no results file, counts too).
            Warning($"{project.GetFilename()}: {exception.Message}");
        }
    }

    try
    {
        var expected = string.Join(",", projects.Select(project => project.GetFilenameWithoutExtension().FullPath));
        DevTool("test-report", new[] { testResults.FullPath, "--expect", expected });
    }
    finally
    {
        var summary = testResults.CombineWithFilePath("summary.txt");
        closingLine = FileExists(summary) ? System.IO.File.ReadAllText(summary.FullPath).Trim() : "0 passed, 0 failed";
    }
});

Task("TestTools")
    .Description("Install the programs the tests run, from this repository's files: Nushell and the workflow checkers (npm, "
        + "tools/package.json, into tools/node_modules), a pwsh launcher for the PowerShell pinned in .config/dotnet-tools.json "
        + "(artifacts/tools/bin), and on Linux the Rust cross toolchain (tools/install-rust-cross.sh).")
    .Does(() =>
{
    var problems = new List<string>();
    // npm packages: installed again only when tools/package.json changed since the last install.
    var tools = root.Combine("tools");
    var packageJson = System.IO.File.ReadAllText(tools.CombineWithFilePath("package.json").FullPath);
    var stamp = tools.CombineWithFilePath("node_modules/.installed-package.json");
    if (!FileExists(stamp) || System.IO.File.ReadAllText(stamp.FullPath) != packageJson)
    {
        var npm = IsRunningOnWindows() ? "npm.cmd" : "npm";
        int npmExit;
        try
        {
            npmExit = StartProcess(
                npm,
                new ProcessSettings
                {
                    Arguments = "install --no-package-lock --no-audit --no-fund --loglevel=error",
                    WorkingDirectory = tools
                });
        }
        catch (Exception exception)
        {
            npmExit = -1;
            Verbose($"npm: {exception.Message}");
        }

        if (npmExit == 0)
        {
            System.IO.File.WriteAllText(stamp.FullPath, packageJson);
        }
        else
        {
            problems.Add(npmExit == -1
                ? "npm was not found, so Nushell and the workflow checkers (tools/package.json) are "
                    + "not installed: the tests that need them are skipped — install Node.js with npm"
                : $"npm install in tools/ failed (exit code {npmExit}): the tests that need "
                    + "Nushell or the workflow checkers are skipped — the lines above say why");
        }
    }

    // PowerShell: the local tool restored by build.sh/build.ps1, run through a launcher named pwsh so that the tests
    // (and install.ps1's own child processes) find it on PATH.
    using var manifest = System.Text.Json.JsonDocument.Parse(
        System.IO.File.ReadAllText(root.CombineWithFilePath(".config/dotnet-tools.json").FullPath));
    var version = manifest.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString();
    IEnumerable<string> packagesOutput;
    StartProcess(
        "dotnet",
        new ProcessSettings { Arguments = "nuget locals global-packages --list", RedirectStandardOutput = true },
        out packagesOutput);
    var packages = packagesOutput
        .Select(line => line.Trim())
        .FirstOrDefault(line => line.StartsWith("global-packages:"))
        ?.Substring("global-packages:".Length)
        .Trim()
        .TrimEnd('/', '\\');
    var settings = packages == null
        ? null
        : GetFiles($"{packages}/powershell/{version}/tools/*/any/DotnetToolSettings.xml").FirstOrDefault();
    if (settings == null)
    {
        problems.Add($"the PowerShell tool {version} is not restored (dotnet tool "
            + "restore), so the install.ps1 and build.ps1 tests are skipped");
    }
    else
    {
        var entryPoint = settings.GetDirectory().CombineWithFilePath(
            System.Xml.Linq.XDocument.Load(settings.FullPath).Descendants("Command").Single().Attribute("EntryPoint").Value);
        EnsureDirectoryExists(testTools);
        if (IsRunningOnWindows())
        {
            System.IO.File.WriteAllText(testTools.CombineWithFilePath("pwsh.cmd").FullPath, $"@dotnet \"{entryPoint.FullPath}\" %*\r\n");
        }
        else
        {
            var launcher = testTools.CombineWithFilePath("pwsh").FullPath;
            System.IO.File.WriteAllText(launcher, $"#!/bin/sh\nexec dotnet '{entryPoint.FullPath}' \"$@\"\n");
            StartProcess("chmod", new ProcessSettings { Arguments = $"755 \"{launcher}\"" });
        }
    }

    // The Rust cross toolchain for RustPlatformTests (Linux only; Debian's packages, docs/packaging-guide.md): the script does
    // nothing when it is there, and says in one line what it could not install (as a user who is not root, say).
    if (IsRunningOnLinux()
        && StartProcess("sh", new ProcessSettings { Arguments = "tools/install-rust-cross.sh", WorkingDirectory = root }) != 0)
    {
        problems.Add("the Rust cross toolchain is not installed (tools/install-rust-cross.sh "
            + "said why above), so RustPlatformTests fail naming what is missing");
    }

    missingTestTools = problems.Count == 0 ? null : string.Join(Environment.NewLine, problems.Select(problem => "note: " + problem));
});

// --- version management ---

Task("Validate")
    .Description("Check version-management/versions.toml and list every problem at once. --versions=PATH, "
        + "--format=json (with the bundle each channel points at), --report=FILE (that JSON report, also to a file).")
    .Does(() =>
{
    Cli("validate", Forward("Validate"));
});

Task("NewBundle")
    .Description("Cut a coordinated release into versions.toml: --bundle=ID --core=V --platform=V "
        + "--workspace=V [--extensions=a@V,...] [--lts-until=D] [--release-date=D] [--dry-run]; or --propose: the next "
        + "bundle from the unreleased conventional commits (versions, tags to cut, versions.toml diff), nothing written.")
    .IsDependentOn("Validate")
    .Does(() =>
{
    Cli("new-bundle", Forward("NewBundle"));
});

// --- sources ---

Task("Fetch")
    .Description("Mirror the component repositories, export each component at its tag, write "
        + "versions.lock. --bundle=ID (default: newest stable), --all, --locked, --update-lock, --dry-run.")
    .IsDependentOn("Validate")
    .Does(() =>
{
    Cli("fetch", Forward("Fetch"));
    fetchedInThisRun = true;
});

// --- packaging ---

Task("CreateBundle")
    .Description("Build, package and assemble a bundle into artifacts/bundles/BUNDLE (archives, bundle.json, RELEASE_NOTES.md, "
        + "meta-package, SHA256SUMS). --bundle=ID or --core=V --platform=V --workspace=V [--extensions=a@V,...], --newest (the "
        + "newest tags the matrix allows), --targets=linux-x64,..., --output=DIR, --shard-out=DIR, --dry-run.")
    .IsDependentOn("Fetch")
    .Does(() =>
{
    // After the Fetch task of this run (not with --exclusive), the mirrors are fresh: no second fetch from the origins.
    Cli("create-bundle", Forward("CreateBundle")
        .Concat(fetchedInThisRun ? new[] { "--offline" } : Array.Empty<string>()));
});

Task("AssembleBundle")
    .Description("Merge CI shards (create-bundle --shard-out) into the bundle: --artifacts-from=DIR,DIR,... "
        + "[--output=DIR] [--bundle=ID] [--locked] [--versions=PATH] [--dry-run]. Refuses shards that "
        + "disagree, are of another bundle, or (--locked) differ from versions.lock.")
    .Does(() =>
{
    Cli("assemble-bundle", Forward("AssembleBundle"));
});

// --- publish ---

Task("PublishBundle")
    .Description("Publish a bundle into the static registry (--registry=DIR) and, with --github-repo=OWNER/NAME, GitHub Releases; "
        + "signed with PROVISIONING_SIGNING_KEY (else a development key); "
        + "--bundle=NAME, --release-tag=TAG, --index-valid-days=N, --dry-run.")
    .Does(() =>
{
    Cli("publish", Forward("PublishBundle"));
});

Task("KeyGen")
    .Description("Make a registry signing key pair (ECDSA P-256): --output=DIR gets signing-key.pem "
        + "(private; store it as the secret PROVISIONING_SIGNING_KEY) and signing-key.pub.pem.")
    .Does(() => Cli("keygen", Forward("KeyGen")));

// --- installers ---

Task("TestBundle")
    .Description("Install a bundle (--bundle=NAME, default the stable channel) from a registry (--registry=DIR, "
        + "default artifacts/registry) served on 127.0.0.1 into a temporary prefix with install.sh, and smoke-test "
        + "every component; or smoke-test an install already there: --installed=PREFIX --manifest=bundle.json.")
    .Does(() => Cli("test-bundle", Forward("TestBundle")));

Task("TestUpgrade")
    .Description("Install --from=BUNDLE, upgrade to --to=BUNDLE, check no stale file "
        + "remains and that uninstall leaves the prefix as it was (--registry=DIR).")
    .Does(() => Cli("test-upgrade", Forward("TestUpgrade")));

Task("TestIntegration")
    .Description("Check an ad-hoc combination (--core=V [--platform=V --workspace=V --extensions=a@V,...]) "
        + "against the declared ranges, fetch, build for this machine, publish to a temporary registry, "
        + "install and smoke-test it; or test a published one (--bundle=NAME --registry=DIR).")
    .Does(() => Cli("test-integration", Forward("TestIntegration")));

// --- release notes ---

Task("ReleaseNotes")
    .Description("Release notes of a bundle from conventional commits, and its CHANGELOG.md entry: [--bundle=ID] "
        + "[--versions=PATH] [--since=BUNDLE|core@V,...] [--changelog=PATH] [--output=FILE] [--include-all] [--dry-run]; "
        + "or one component's: --component=NAME [--from=VERSION|TAG] [--to=VERSION|TAG|BRANCH]; or --unreleased "
        + "(each component's default branch since its newest tag, and the next version it needs).")
    .IsDependentOn("Fetch")
    .Does(() =>
{
    Cli("release-notes", Forward("ReleaseNotes"));
});

// --- benchmark ---

Task("Benchmark")
    .Description("Measure cold and warm CreateBundle (sample and a synthetic 20-component, 100 MB, four-target "
        + "bundle), packaging against tar | gzip -6 and tar | pigz, fetch, validation and TOML parsing; prints tables, "
        + "writes artifacts/benchmark.json; the growth curve on bundles of 20, 80 and 320 components (fetch, cold and warm "
        + "CreateBundle, assemble, publish per component; --growth=20,80,320|none, --growth-payload-kb=300). "
        + "--runs=N, --output=FILE, --check (a missed goal fails), --dry-run.")
    .Does(() =>
{
    // The benchmark runs the pipeline's phases in its own process (docs/benchmark.md), so it is built here.
    DotNetBuild(root.CombineWithFilePath("build/Distribution.DevTools/Distribution.DevTools.csproj").FullPath, new DotNetBuildSettings
    {
        Configuration = configuration,
        NoLogo = true,
        Verbosity = DotNetVerbosity.Quiet,
    });
    DevTool("benchmark", Forward("Benchmark"));
});

// ---------------------------------------------------------------------------------------------------------------
// Run. An unknown target is a user error that names the valid ones.

if (!Tasks.Any(task => task.Name.Equals(target, StringComparison.OrdinalIgnoreCase)))
{
    var unknownTarget = $"unknown target '{target}' — use one of: {string.Join(", ", Tasks.Select(task => task.Name))}";
    Error($"error PD0004: {unknownTarget}");
    if (BuildSystem.GitHubActions.IsRunningOnGitHubActions)
    {
        BuildSystem.GitHubActions.Commands.Error(unknownTarget, new GitHubActionsAnnotation { Title = "PD0004" });
    }

    throw new CakeException(1, $"unknown target '{target}'");
}

// Every --name must be an option of the target or of a target it depends on: a misspelt one (--bundel=lts-3.1) would
// otherwise be ignored and the target run with the default. Cake's own options (--verbosity, --dryrun, --tree…) are
// not arguments of the script.
var chain = new List<string>();
for (var pending = new Stack<string>(new[] { target }); pending.Count > 0;)
{
    var next = pending.Pop();
    var task = Tasks.First(candidate => candidate.Name.Equals(next, StringComparison.OrdinalIgnoreCase));
    if (!chain.Contains(task.Name))
    {
        chain.Add(task.Name);
        foreach (var dependency in task.Dependencies)
        {
            pending.Push(dependency.Name);
        }
    }
}

var targetOptions = new[] { "target", "configuration" }
    .Concat(chain.SelectMany(task => taskOptions.TryGetValue(task, out var names) ? names : Array.Empty<string>()))
    .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
var unknownOptions = Context.Arguments.GetArguments().Keys
    .Where(name => !targetOptions.Contains(name, StringComparer.OrdinalIgnoreCase)).ToList();
if (unknownOptions.Count > 0)
{
    var own = targetOptions.Skip(2).Select(name => "--" + name).ToList();
    foreach (var unknown in unknownOptions)
    {
        // The closest option by edit distance, when it is close enough to be a typo.
        var closest = targetOptions.Select(name => (Name: name, Distance: EditDistance(unknown.ToLowerInvariant(), name)))
            .OrderBy(pair => pair.Distance).First();
        var hint = closest.Distance <= Math.Max(2, unknown.Length / 3) ? $"did you mean --{closest.Name}? " : string.Empty;
        var message = $"unknown option --{unknown} for {chain[0]} — {hint}"
            + (own.Count == 0 ? $"{chain[0]} takes no options" : $"{chain[0]} takes {string.Join(", ", own)}")
            + " (./build.sh alone lists the targets)";
        Error($"error PD0006: {message}");
        if (BuildSystem.GitHubActions.IsRunningOnGitHubActions)
        {
            BuildSystem.GitHubActions.Commands.Error(message, new GitHubActionsAnnotation { Title = "PD0006" });
        }
    }

    throw new CakeException(1, $"unknown option(s) for {chain[0]}: {string.Join(", ", unknownOptions.Select(name => "--" + name))}");
}

// Levenshtein distance: insertions, deletions and substitutions.
static int EditDistance(string a, string b)
{
    var row = Enumerable.Range(0, b.Length + 1).ToArray();
    for (var i = 1; i <= a.Length; i++)
    {
        var diagonal = row[0];
        row[0] = i;
        for (var j = 1; j <= b.Length; j++)
        {
            var above = row[j];
            row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }

    return row[b.Length];
}

try
{
    RunTarget(target);
}
finally
{
    if (missingTestTools != null)
    {
        Console.WriteLine(missingTestTools);
    }

    if (closingLine != null)
    {
        Console.WriteLine(closingLine);
    }
}
