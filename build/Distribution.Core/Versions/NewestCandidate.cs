using Distribution.Core.Model;

namespace Distribution.Core.Versions;

/// <summary>One combination the nightly tried (<see cref="NewestSurvey"/>): what it is, and what the matrix says of it and why.</summary>
/// <param name="Label">Which combination: the newest tags, the newest allowed with one component at its newest tag, or that one.</param>
/// <param name="Spec">Its versions.</param>
/// <param name="Verdict">Allowed, refused or not governed.</param>
/// <param name="Reasons">The matrix's reasons, one per problem (empty when allowed).</param>
public sealed record NewestCandidate(string Label, BundleSpec Spec, MatrixVerdict Verdict, string Reasons);
