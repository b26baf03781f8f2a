namespace Distribution.Core.Benchmarks;

/// <summary>What a timed stretch of a packaging run was spent on.</summary>
public enum WorkKind
{
    /// <summary>A recipe's build command (a compiler, a publish).</summary>
    Build,

    /// <summary>Writing an archive: tar and gzip.</summary>
    Compress,
}
