using System.Collections.Immutable;
using Distribution.Core.Benchmarks;

namespace Distribution.Adapters.Builds;

/// <summary>
/// What assemble wrote: the bundle folder's file names, and how the meta-package was made (cached or compressed, and when).
/// </summary>
public sealed record AssemblyResult(ImmutableArray<string> Files, JobTiming MetaPackage);
