namespace Distribution.Core.ReleaseNotes;

/// <summary>What the forge knows about a pull request: its title and its author's login.</summary>
public sealed record PullRequestInfo(int Number, string Title, string AuthorLogin);
