namespace Distribution.Core.Installing;

/// <summary>One component of a bundle with its version, as bundle.json lists it.</summary>
public sealed record ManifestComponent(string Id, string Version);
