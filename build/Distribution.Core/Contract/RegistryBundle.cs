using Distribution.Core.Model;

namespace Distribution.Core.Contract;

/// <summary>One bundle of the registry's index: where its manifest is, with the manifest's size and digest.</summary>
public sealed record RegistryBundle(string Id, BundleKind Kind, DateOnly? ReleaseDate, string Manifest, long Size, string Sha256);
