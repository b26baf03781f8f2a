namespace Distribution.Adapters.Archives;

/// <summary>What an archive entry is: the only three kinds our archives hold (no devices, fifos or hard links).</summary>
public enum ArchiveEntryKind
{
    File,
    Directory,
    SymbolicLink,
}
