namespace Distribution.Core.Tests.Toml;

/// <summary>
/// Runs a piece of work on the thread pool and fails the test, naming what was running, if it does not finish in
/// time. A hang detector, not a speed assertion: the limit is orders of magnitude above the normal time. A hung
/// worker is left running (it cannot be stopped); the failing test says which input hung.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static void Run(Action work, Func<string> describe, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(describe);
        var allowed = limit ?? DefaultLimit;
        var task = Task.Run(work);
        if (Task.WaitAny([task], allowed) != 0)
        {
            Assert.Fail($"did not finish within {allowed.TotalSeconds:0.###} s (a hang): {describe()}");
        }

        task.GetAwaiter().GetResult(); // rethrows an assertion or exception of the work as it was
    }
}
