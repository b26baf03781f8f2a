namespace Distribution.Pipeline;

/// <summary>
/// The combination <see cref="InstallTestPhase.TestIntegrationAsync"/> checks: component versions (extensions as
/// <c>name@version,…</c>) against versions.toml (<see cref="Versions"/>); with <see cref="Bundle"/> and
/// <see cref="Registry"/> a bundle already published instead of building it.
/// </summary>
public sealed record TestIntegrationRequest(
    string? Core = null,
    string? Platform = null,
    string? Workspace = null,
    string? Extensions = null,
    string? Bundle = null,
    string? Registry = null,
    string? Versions = null);
