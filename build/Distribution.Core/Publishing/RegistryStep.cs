namespace Distribution.Core.Publishing;

/// <summary>One planned file operation of a registry publish.</summary>
public sealed record RegistryStep(RegistrySource Source, RegistryAction Action, FileDigest? Existing);
