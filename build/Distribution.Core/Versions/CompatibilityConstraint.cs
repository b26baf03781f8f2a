using Distribution.Core.Diagnostics;
using Distribution.Core.Model;

namespace Distribution.Core.Versions;

/// <summary>
/// One range of a matrix entry: <c>platform = "^2.5"</c> in a core entry, <c>core = "^3.2"</c> or
/// <c>min-core = "3.2.0"</c> (read as <c>&gt;=3.2.0</c>) in a platform entry.
/// </summary>
/// <param name="Key">The key as written (<c>min-core</c>).</param>
/// <param name="Target">The component kind the range constrains.</param>
/// <param name="Written">The value as written (<c>3.2.0</c> for min-core).</param>
public sealed record CompatibilityConstraint(
    string Key, ComponentKind Target, string Written, SemverRequirement Requirement, SourceLocation Location)
{
    public override string ToString() => $"{Key} = \"{Written}\"";
}
