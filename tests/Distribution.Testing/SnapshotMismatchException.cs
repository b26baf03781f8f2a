namespace Distribution.Testing;

/// <summary>A snapshot did not match its verified file; the message says where the received text is.</summary>
public sealed class SnapshotMismatchException : Exception
{
    public SnapshotMismatchException()
    {
    }

    public SnapshotMismatchException(string message)
        : base(message)
    {
    }

    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
