using Distribution.Adapters.Signing;

namespace Distribution.Adapters.Registry;

/// <summary>
/// How <see cref="RegistryPublisher"/> signs: with <see cref="Key"/>; <see cref="Previous"/> (a planned rotation)
/// signs a statement that hands trust over to <see cref="Key"/>; every index written expires
/// <see cref="ValidDays"/> days after <see cref="Now"/>. An existing index that neither key signed is refused (PUB034)
/// unless <see cref="AdoptIndex"/> (<c>PROVISIONING_ADOPT_INDEX=1</c>, after its owner checked it).
/// </summary>
public sealed record RegistrySigning(SigningKey Key, SigningKey? Previous, int ValidDays, DateTimeOffset Now, bool AdoptIndex = false);
