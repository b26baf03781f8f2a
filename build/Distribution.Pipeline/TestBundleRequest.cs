namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="InstallTestPhase.TestBundleAsync"/> checks: <see cref="Bundle"/> (default the registry's stable
/// channel) of <see cref="Registry"/> (default artifacts/registry); or, with <see cref="Installed"/>, the install in that
/// prefix against the bundle.json <see cref="Manifest"/> names.
/// </summary>
public sealed record TestBundleRequest(string? Bundle = null, string? Registry = null, string? Installed = null, string? Manifest = null);
