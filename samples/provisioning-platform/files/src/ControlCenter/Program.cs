using System.Reflection;

// provisioning-control-center: the operators' view of an installation. --version prints the version;
// "health" prints one line per service it knows about.
var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

if (args is ["--version"] or ["-v"])
{
    Console.WriteLine($"provisioning-control-center {version}");
    return 0;
}

if (args is ["health"])
{
    foreach (var service in new[] { "orchestrator", "control-center" })
    {
        Console.WriteLine($"{service}: ok");
    }

    return 0;
}

Console.Error.WriteLine("usage: provisioning-control-center --version | health");
return 2;
