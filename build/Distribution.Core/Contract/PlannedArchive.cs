using Distribution.Core.Model;

namespace Distribution.Core.Contract;

/// <summary>
/// An archive the recipes plan for a bundle (every target of every component) that a shard.json or bundle.json does
/// not hold: its <c>missing</c> list (docs/formats.md). Another shard makes it; a bundle with any is partial.
/// </summary>
public sealed record PlannedArchive(ComponentId Component, string Target, string Name);
