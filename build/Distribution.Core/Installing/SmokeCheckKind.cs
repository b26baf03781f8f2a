namespace Distribution.Core.Installing;

/// <summary>How a component is smoke-checked after installing.</summary>
public enum SmokeCheckKind
{
    /// <summary>Run a program with <c>--version</c> and expect the component's version in what it prints.</summary>
    RunVersion,

    /// <summary>Expect the component's files under <c>share/provisioning/</c> to be present.</summary>
    Present,
}
