namespace Distribution.Core.Tests.Testing;

/// <summary>
/// Tests that set process-wide state (ACCEPT_SNAPSHOTS) run in this collection: alone, after every parallel test,
/// so no other snapshot test can see the variable.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialSnapshotTests
{
    public const string Name = "serial: snapshot helper";
}
