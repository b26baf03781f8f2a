using Distribution.Adapters.Signing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// How <see cref="RegistryPublisher"/> signs: with <see cref="Key"/>; <see cref="Previous"/> (a planned rotation)
/// signs a statement that hands trust over to <see cref="Key"/>; every index written expires
/// <see cref="ValidDays"/> days after <see cref="Now"/>.
/// </summary>
public sealed record RegistrySigning(SigningKey Key, SigningKey? Previous, int ValidDays, DateTimeOffset Now);
