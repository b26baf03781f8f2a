using System.Collections.Immutable;
using Distribution.Core.Diagnostics;

namespace Distribution.Core.Sources;

/// <summary>
/// One commit of a sample history. <see cref="Author"/> is <c>Name &lt;email&gt;</c> and is also the committer;
/// <see cref="Date"/> is both the author and the committer date. A commit on a branch other than the history's
/// main branch starts that branch from the main branch's head when it is the branch's first commit;
/// <see cref="Merge"/> names a branch merged into this commit (its second parent).
/// </summary>
public sealed record SampleCommit(
    string Author,
    DateTimeOffset Date,
    string Message,
    string Branch,
    string? Merge,
    ImmutableArray<string> Tags,
    ImmutableArray<SampleFileChange> Changes,
    SourceLocation Location);
