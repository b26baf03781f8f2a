using Distribution.Core.Model;

namespace Distribution.Adapters.Files;

/// <summary>
/// A file to be placed does not have the digest recorded for it (changed or damaged since it was made): nothing was
/// placed. <see cref="FilePlacement"/> throws it; the caller turns it into a diagnostic naming what to remake.
/// </summary>
public sealed class PlacedFileMismatchException : Exception
{
    public PlacedFileMismatchException()
        : this(string.Empty, new FileDigest(0, string.Empty), new FileDigest(0, string.Empty))
    {
    }

    public PlacedFileMismatchException(string message)
        : base(message)
    {
        Source = string.Empty;
        Expected = Actual = new FileDigest(0, string.Empty);
    }

    public PlacedFileMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = string.Empty;
        Expected = Actual = new FileDigest(0, string.Empty);
    }

    public PlacedFileMismatchException(string source, FileDigest expected, FileDigest actual)
        : base($"{source} has size {actual?.Size}, sha256 {actual?.Sha256}; recorded: size {expected?.Size}, sha256 {expected?.Sha256}")
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Source = source;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file that was to be placed.</summary>
    public new string Source { get; }

    public FileDigest Expected { get; }

    public FileDigest Actual { get; }
}
