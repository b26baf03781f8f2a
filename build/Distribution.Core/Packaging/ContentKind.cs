namespace Distribution.Core.Packaging;

/// <summary>What an archive mostly holds, as far as the deflate level is concerned (<see cref="CompressionDefaults"/>).</summary>
public enum ContentKind
{
    /// <summary>Anything that is not a compiled binary: text, data, already-compressed files, synthetic payloads.</summary>
    Other,

    /// <summary>Executables and libraries: ELF, PE (Windows and .NET assemblies), Mach-O, WebAssembly.</summary>
    CompiledBinary,
}
