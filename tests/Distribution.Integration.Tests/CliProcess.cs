using System.Diagnostics;
using System.Text;
using Distribution.Testing;

namespace Distribution.Integration.Tests;

/// <summary>Runs the real command-line program (and build.sh) as a child process, as users and Cake do.</summary>
internal static class CliProcess
{
    /// <summary>
    /// The program under test: the one build.sh published for this run and named in PROVISIONING_DIST_CLI (the native
    /// executable, or the ReadyToRun assembly), so that the suite tests what users run; else this test build's assembly.
    /// </summary>
    public static string CliProgram { get; } =
        Environment.GetEnvironmentVariable("PROVISIONING_DIST_CLI") is { Length: > 0 } published
            ? published
            : Path.Combine(AppContext.BaseDirectory, "provisioning-dist.dll");

    /// <summary>The program and arguments that run the program under test with <paramref name="arguments"/>.</summary>
    public static (string Program, string[] Arguments) CliCommand(params string[] arguments) =>
        CliProgram.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [CliProgram, .. arguments]) : (CliProgram, arguments);

    /// <summary>
    /// The development tools' program (provisioning-dist-dev: benchmark, test-report, toml decode), this test build's assembly.
    /// </summary>
    public static string DevToolsProgram { get; } = Path.Combine(AppContext.BaseDirectory, "provisioning-dist-dev.dll");

    /// <summary>The program and arguments that run the development tools with <paramref name="arguments"/>.</summary>
    public static (string Program, string[] Arguments) DevToolsCommand(params string[] arguments)
        => ("dotnet", [DevToolsProgram, .. arguments]);

    public static Task<(int ExitCode, string Output, string Error)> RunDevToolsAsync(
        string workingDirectory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var (program, all) = DevToolsCommand(arguments);
        return RunAsync(program, all, workingDirectory, environment);
    }

    public static Task<(int ExitCode, string Output, string Error)> RunCliAsync(
        string workingDirectory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var (program, all) = CliCommand(arguments);
        return RunAsync(program, all, workingDirectory, environment);
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null)
    {
        using var running = Start(program, arguments, workingDirectory, environment);
        return await running.WaitAsync(TimeSpan.FromMinutes(10));
    }

    /// <summary>Starts the command-line program and returns at once, so that a test can kill it by its process id.</summary>
    public static RunningCli StartCli(string workingDirectory, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var (program, all) = CliCommand(arguments);
        return Start(program, all, workingDirectory, environment);
    }

    private static RunningCli Start(
        string program, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment) =>
        new(Process.Start(StartInfo(program, arguments, workingDirectory, environment))!);

    /// <summary>
    /// How the tests start a program: output and error read as UTF-8, the repository as PROVISIONING_DIST_ROOT, the CI's
    /// GitHub settings removed, then <paramref name="environment"/> applied (a null value removes the variable).
    /// </summary>
    public static ProcessStartInfo StartInfo(
        string program, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never inherit the CI's GitHub settings by accident; tests opt in.
        start.Environment.Remove("GITHUB_ACTIONS");
        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        // Nor a signing key of the machine's: without one, publish signs with the development key (tests opt in).
        string[] keys =
        [
            "PROVISIONING_SIGNING_KEY", "PROVISIONING_SIGNING_KEY_FILE",
            "PROVISIONING_PREVIOUS_SIGNING_KEY", "PROVISIONING_PREVIOUS_SIGNING_KEY_FILE",
        ];
        foreach (var key in keys)
        {
            start.Environment.Remove(key);
        }

        start.Environment["PROVISIONING_DIST_ROOT"] = TestPaths.RepositoryRoot;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
