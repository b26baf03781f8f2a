namespace Distribution.Core.Publishing;

/// <summary>What a publish does with one file.</summary>
public enum RegistryAction
{
    /// <summary>The registry does not have it yet: copy it (temp file + rename).</summary>
    Copy,

    /// <summary>The registry has the same bytes already: nothing to do.</summary>
    Keep,

    /// <summary>
    /// An installer's convenience copy (<c>installers/NAME</c>) changed: replace it (temp file + rename), after the index.
    /// </summary>
    Replace,
}
