namespace Distribution.Adapters.GitHub;

/// <summary>A release as the API reports it (the fields publishing reads).</summary>
public sealed record GitHubRelease(long Id, string TagName, string Name, string Body, bool Draft, string UploadUrl);
