namespace Distribution.Core.Versions;

/// <summary>What the compatibility matrix says of a combination of versions.</summary>
public enum MatrixVerdict
{
    /// <summary>Every version is governed and every range holds: the combination may be built and released.</summary>
    Allowed,

    /// <summary>A range of the matrix (or a component's own manifest range) does not hold.</summary>
    Refused,

    /// <summary>No range is broken, but the core or platform has no matrix entry yet (VM012).</summary>
    NotGoverned,
}
