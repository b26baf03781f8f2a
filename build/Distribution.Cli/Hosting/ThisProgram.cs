using System.Runtime.CompilerServices;
using Distribution.Adapters.Processes;

namespace Distribution.Cli.Hosting;

/// <summary>
/// How to start this program again as a child process, compiled as it is now: build.sh publishes it as one native
/// executable (Native AOT) where a C toolchain can link it, else as our assembly that the .NET host runs (ReadyToRun).
/// </summary>
public static class ThisProgram
{
    public const string AssemblyFile = "provisioning-dist.dll";

    /// <summary>How this program was compiled, for reports: "native" (Native AOT) or "ReadyToRun" (run by the .NET host).</summary>
    public static string Compilation => RuntimeFeature.IsDynamicCodeSupported ? "ReadyToRun" : "native";

    /// <summary>The command that runs this program with <paramref name="arguments"/>.</summary>
    public static ProcessSpec Command(IEnumerable<string> arguments) =>
        Command(Environment.ProcessPath ?? throw new InvalidOperationException("the path of this program is unknown"), AppContext.BaseDirectory, arguments);

    /// <summary>
    /// Run by the .NET host (<c>dotnet provisioning-dist.dll</c>), the host again with our assembly from
    /// <paramref name="baseDirectory"/>; otherwise (the native executable, or the apphost) that same executable.
    /// </summary>
    public static ProcessSpec Command(string processPath, string baseDirectory, IEnumerable<string> arguments) =>
        string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? new ProcessSpec(processPath, [Path.Combine(baseDirectory, AssemblyFile), .. arguments])
            : new ProcessSpec(processPath, [.. arguments]);
}
