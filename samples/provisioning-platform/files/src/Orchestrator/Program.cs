using System.Reflection;

// provisioning-orchestrator: runs provisioning tasks in order. --version prints the version; "plan A B C"
// prints the order in which the given tasks would run (a tiny stand-in for the real scheduler).
var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

if (args is ["--version"] or ["-v"])
{
    Console.WriteLine($"provisioning-orchestrator {version}");
    return 0;
}

if (args is ["plan", .. var tasks] && tasks.Length > 0)
{
    var step = 1;
    foreach (var task in tasks.Distinct(StringComparer.Ordinal))
    {
        Console.WriteLine($"{step++}. {task}");
    }

    return 0;
}

Console.Error.WriteLine("usage: provisioning-orchestrator --version | plan TASK...");
return 2;
