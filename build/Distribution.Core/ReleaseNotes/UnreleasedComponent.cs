namespace Distribution.Core.ReleaseNotes;

/// <summary>
/// What a component's default branch (<see cref="Branch"/>) holds since its newest release tag
/// (<see cref="ComponentChanges.FromTag"/>, empty when it has none), and the version that would release it.
/// </summary>
public sealed record UnreleasedComponent(ComponentChanges Changes, string Branch, VersionProposal Proposal);
