namespace Distribution.Core.Sources;

/// <summary>What one entry of a sample commit does to a file.</summary>
public enum SampleChangeKind
{
    /// <summary>Writes the file from <c>samples/REPO/files/PATH</c> (mode 100644).</summary>
    Write,

    /// <summary>Writes the file from <c>samples/REPO/files/PATH</c> as an executable (mode 100755).</summary>
    WriteExecutable,

    /// <summary>Writes the file with the text given in the history (keeps an executable file executable).</summary>
    Inline,

    /// <summary>Appends the text given in the history to the file as it is on the commit's branch.</summary>
    Append,

    /// <summary>Makes the path a symbolic link to the target given in the history.</summary>
    Symlink,

    /// <summary>Removes the file.</summary>
    Delete,
}
