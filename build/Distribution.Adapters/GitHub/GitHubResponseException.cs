namespace Distribution.Adapters.GitHub;

/// <summary>
/// The GitHub API answered a request with success but with a body this client cannot read: not JSON, or not the shape
/// GitHub sends. Names the request (method and path, never headers or the token); never retried.
/// </summary>
public sealed class GitHubResponseException : Exception
{
    public GitHubResponseException()
        : this("?", "an answer this tool cannot read", null)
    {
    }

    public GitHubResponseException(string message)
        : base(message)
    {
        Request = string.Empty;
    }

    public GitHubResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Request = string.Empty;
    }

    public GitHubResponseException(string request, string problem, Exception? innerException)
        : base($"{request} answered {problem}", innerException)
    {
        Request = request;
    }

    public string Request { get; }
}
