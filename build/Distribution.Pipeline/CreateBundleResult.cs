using System.Collections.Immutable;
using Distribution.Core.Benchmarks;

namespace Distribution.Pipeline;

/// <summary>
/// What <see cref="CreateBundlePhase"/> made: the bundle's id, the folder written (the bundle, or the shard), the
/// files of a bundle folder (none for a shard or a dry run), the archive counts and every archive's build and
/// compression intervals.
/// </summary>
public sealed record CreateBundleResult(string Bundle, string Folder, ImmutableArray<string> Files, string Counts, BuildTimings Timings);
