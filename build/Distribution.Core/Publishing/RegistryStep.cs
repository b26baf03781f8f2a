using Distribution.Core.Model;

namespace Distribution.Core.Publishing;

/// <summary>One planned file operation of a registry publish.</summary>
public sealed record RegistryStep(RegistrySource Source, RegistryAction Action, FileDigest? Existing)
{
    /// <summary>Taken after index.json is written (the installers' convenience copies); every other step comes before it.</summary>
    public bool AfterIndex => !Source.Indexed;
}
