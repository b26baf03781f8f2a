using System.Diagnostics;
using System.Globalization;

namespace Distribution.Adapters.Registry;

/// <summary>
/// TEST HOOK (docs/publishing.md): with <c>PROVISIONING_DIST_FAULT_AFTER=N</c> in the environment the process kills
/// itself (SIGKILL, no cleanup, no finally blocks) when it is about to take mutating step N+1 of a publish, so that
/// tests can prove a rerun after a crash at any point ends in the same registry and release. Unset, it does nothing.
/// </summary>
public sealed class FaultInjection
{
    public const string Variable = "PROVISIONING_DIST_FAULT_AFTER";

    private readonly long limit;
    private long taken;

    private FaultInjection(long limit) => this.limit = limit;

    public static FaultInjection None { get; } = new(-1);

    public static FaultInjection FromEnvironment() =>
        long.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? new FaultInjection(limit)
            : None;

    /// <summary>Called before each mutating step (and between the halves of one, such as temp file and rename).</summary>
    public void Step()
    {
        if (limit < 0)
        {
            return;
        }

        if (Interlocked.Increment(ref taken) > limit)
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
            Environment.FailFast("fault injection");
        }
    }
}
