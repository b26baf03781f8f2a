using System.Collections.Immutable;

namespace Distribution.Adapters.GitHub;

/// <summary>
/// The GitHub API answered with an error status. Carries the status, the request (method and path, never headers or
/// the token), GitHub's message and its error codes (such as <c>already_exists</c>).
/// </summary>
public sealed class GitHubApiException : Exception
{
    public GitHubApiException()
        : this(0, string.Empty, string.Empty, "GitHub API error", [])
    {
    }

    public GitHubApiException(string message)
        : this(0, string.Empty, string.Empty, message, [])
    {
    }

    public GitHubApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Request = string.Empty;
        ApiMessage = message;
        ErrorCodes = [];
    }

    public GitHubApiException(int status, string method, string path, string apiMessage, ImmutableArray<string> errorCodes)
        : base($"{method} {path} failed: {status} "
            + $"{apiMessage}{(errorCodes.IsDefaultOrEmpty ? string.Empty : $" ({string.Join(", ", errorCodes)})")}")
    {
        Status = status;
        Request = $"{method} {path}";
        ApiMessage = apiMessage;
        ErrorCodes = errorCodes.IsDefault ? [] : errorCodes;
    }

    public int Status { get; }

    public string Request { get; }

    public string ApiMessage { get; }

    public ImmutableArray<string> ErrorCodes { get; }

    /// <summary>422 with code <c>already_exists</c>: the release or asset is there already (reconcile, do not retry).</summary>
    public bool AlreadyExists => Status == 422 && ErrorCodes.Contains("already_exists");

    /// <summary>A server error: the request may or may not have been carried out.</summary>
    public bool IsServerError => Status >= 500;
}
