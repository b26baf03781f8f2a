using NuGet.Versioning;

namespace Distribution.Core.Packaging;

/// <summary>One component of a bundle as bundle.json lists it: the version with the tag, commit and tree it was built from (the lock file's entry).</summary>
public sealed record ManifestComponent(Model.ComponentId Component, NuGetVersion Version, string Tag, string Commit, string Tree);
